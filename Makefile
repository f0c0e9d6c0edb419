# Hearth: the two commands from the README are `make run` and `make test`.
# Both install what is missing, build, and then serve or test.
.PHONY: run test bench deps build web unit api-test browser-test sanitize format clean

PORT ?= 8080
DATA ?= ./data

deps:
	@./scripts/install-deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release

web: deps
	@npm run --silent build:web

run: build web
	./build/hearth serve --port $(PORT) --data $(DATA)

unit: build
	ctest --preset release

api-test: build web
	npm run --silent test:api

browser-test: build web
	npm run --silent test:browser

test: build web
	ctest --preset release
	npm run --silent test:api
	npm run --silent test:browser

# Unit and API tests against a build with AddressSanitizer and UBSan (build-debug/).
sanitize: deps
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug
	ctest --preset debug
	HEARTH_BINARY=$(CURDIR)/build-debug/hearth npm run --silent test:api

bench: build web
	./bench/run.sh

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build build-debug web/dist
