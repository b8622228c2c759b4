"""Per-article text stages: cleaning, furniture, describe (title, date, credits), language, time references."""
