.PHONY: install dev test lint typecheck check bench

install:
	python3 -m venv .venv && .venv/bin/pip install -e .

dev:
	python3 -m venv .venv && .venv/bin/pip install -e '.[dev]'

test:
	.venv/bin/pytest

lint:
	.venv/bin/ruff check src tests benchmarks
	.venv/bin/ruff format --check --exclude "*.md" src tests benchmarks

typecheck:
	.venv/bin/mypy

check: lint typecheck test

bench:
	.venv/bin/python benchmarks/parse_eval.py
