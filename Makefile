# Convenience targets; the set-up itself lives in ./run, which needs no make (see README.md).
.PHONY: demo test lint clean

demo:
	./run demo

test:
	./run test

lint:
	./run test >/dev/null 2>&1 || true
	.venv/bin/ruff check src tests benchmarks

clean:
	rm -rf .venv data reports .pytest_cache
