"""The `rasd` command: one module per group of subcommands."""
