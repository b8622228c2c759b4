# make demo: set up .venv and run rasd on ../shared/seeds (or CORPUS=path)
# make test: set up .venv and run lint, types and tests
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/seeds
DB ?= rasd-demo.db

.PHONY: setup demo test lint bench clean

$(BIN)/rasd: pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "python3.11 not found; set PY=python3"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/python -m rasd.copies.warm
	@touch $@

setup: $(BIN)/rasd

demo: setup
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/rasd run $(CORPUS) --db $(DB)
	$(BIN)/rasd search "قرة باغ" --db $(DB)
	$(BIN)/rasd events --db $(DB)
	$(BIN)/rasd stories --db $(DB)
	$(BIN)/rasd entities --db $(DB) --limit 15
	$(BIN)/rasd ledger --db $(DB)
	@if [ -f $(CORPUS)/gold.json ]; then $(BIN)/rasd eval seeds --db $(DB) --gold $(CORPUS)/gold.json; fi
	@if [ -f $(CORPUS)/gold.json ]; then $(BIN)/rasd eval clustering --db $(DB) --gold $(CORPUS)/gold.json; fi
	@if [ -f $(CORPUS)/gold.json ]; then $(BIN)/rasd eval claims --db $(DB) --gold $(CORPUS)/gold.json; fi
	$(BIN)/rasd export --db $(DB) --format jsonl --out rasd-demo.jsonl
	$(BIN)/rasd export --db $(DB) --what claims --format jsonl --out rasd-demo-claims.jsonl
	$(BIN)/rasd report --db $(DB) -o rasd-demo-report.html
	@echo "report written: $(CURDIR)/rasd-demo-report.html (also rasd-demo.jsonl, rasd-demo-claims.jsonl)"
	@echo "to browse it: $(BIN)/rasd serve --db $(DB)   then open http://127.0.0.1:8000/ (API docs: /docs)"

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: setup
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/cluster.py
	$(BIN)/python bench/events.py
	$(BIN)/python bench/extract.py

clean:
	rm -rf $(VENV) *.db *.db-wal *.db-shm rasd-demo.jsonl rasd-demo-claims.jsonl rasd-demo-report.html
