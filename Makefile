PYTHON := .venv/bin/python
STAMP := .venv/.installed

.PHONY: venv lint test run stop simulate clean distclean

venv: $(STAMP)

# Reinstall only when a requirements file changes.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PYTHON) || python3 -m venv .venv
	$(PYTHON) -m pip install -q -r requirements-dev.txt
	touch $@

lint: venv
	.venv/bin/ruff check .

test: venv lint
	@if [ -z "$$REDIS_URL" ]; then scripts/ensure_redis.sh; fi
	@scripts/ensure_chromium.sh
	$(PYTHON) -m pytest -q

# Starts the embedded PostgreSQL (unless DATABASE_URL) and Redis (if none), uvicorn and a
# Celery worker with beat; HOST/PORT override. Debug off; `DEBUG=1 make run` for development.
run: venv
	scripts/run.sh

# Stops the embedded PostgreSQL and Redis that `make run` / `make test` left running (data kept).
stop:
	@if [ -f .run/redis.pid ] && kill $$(cat .run/redis.pid) 2>/dev/null; then echo "Redis stopped."; fi
	@if [ -x $(PYTHON) ]; then $(PYTHON) -m config.embedded_postgres stop; fi

simulate: venv
	$(PYTHON) manage.py simulate $(ARGS)

clean:
	rm -rf .pytest_cache .ruff_cache .hypothesis staticfiles
	find . -path ./.venv -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean stop
	rm -rf .venv .run
