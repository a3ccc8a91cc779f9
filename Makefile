# Newsdesk: `make run` serves the sample pages, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test test-browser lint format migrations-check install install-dev bench clean

# A venv with pip, also on Debian/Ubuntu where python3-venv (ensurepip) is missing.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV) && $(PYTHON) -m venv --without-pip $(VENV) && \
	  $(BIN)/python -c "import json, urllib.request as u; \
	    url = next(f['url'] for f in json.load(u.urlopen('https://pypi.org/pypi/pip/json'))['urls'] if f['url'].endswith('.whl')); \
	    open('$(VENV)/pip.whl', 'wb').write(u.urlopen(url).read())" && \
	  $(BIN)/python $(VENV)/pip.whl/pip install -q $(VENV)/pip.whl && rm $(VENV)/pip.whl; }

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py ingest fixtures/pages
	$(BIN)/python manage.py demo_user
	@echo "Newsdesk on http://localhost:$(PORT)/ (admin: http://localhost:$(PORT)/admin/)"
	DJANGO_DEBUG="$${DJANGO_DEBUG:-1}" $(BIN)/python manage.py runserver $(PORT)

# Production-like: DEBUG off, gunicorn, static files collected and served by WhiteNoise.
# Plain HTTP on this machine, so HTTPS redirect and secure cookies default off here;
# the secret key is DJANGO_SECRET_KEY, else the one kept in .secret-key (made on first start).
.PHONY: serve
serve: install
	export DJANGO_DEBUG=0 \
	  DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-localhost,127.0.0.1,[::1]}" \
	  DJANGO_SECURE_SSL_REDIRECT="$${DJANGO_SECURE_SSL_REDIRECT:-0}" \
	  DJANGO_SECURE_COOKIES="$${DJANGO_SECURE_COOKIES:-0}" && \
	$(BIN)/python manage.py migrate --no-input && \
	$(BIN)/python manage.py collectstatic --no-input -v0 && \
	echo "Newsdesk (production settings) on http://localhost:$(PORT)/" && \
	exec $(BIN)/gunicorn newsdesk.wsgi --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

test: install-dev
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install-dev
	$(BIN)/python manage.py makemigrations --check --dry-run

# Benchmarks (bench/): extraction vs trafilatura, ingest into PostgreSQL, web pages on 100k articles.
# Needs PostgreSQL on 127.0.0.1:5432 (BENCH_DATABASE_URL); a table on stdout, JSON in bench/out/.
# Larger runs by hand: make bench BENCH_ARGS="--ingest-pages 10000 --memory 10000,100000"
$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -q -e ".[bench]"
	touch $@

bench: $(VENV)/.installed-bench
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Load test: gunicorn with the production settings of `make serve` on a 100k-article corpus in its own
# database (newsdesk_bench_load, loaded once, minutes), locust in another process for 60 s; a table per
# page on stdout, JSON in bench/out/loadtest-latest.json; fails on any error or 5xx.
# Other sizes: make bench-load LOAD_ARGS="--users 16 --workers 3 --worker-class gthread --threads 4"
.PHONY: bench-load
bench-load: $(VENV)/.installed-bench
	$(BIN)/python -m bench.loadtest $(LOAD_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
