# Hearth: the two commands from the README are `make run` and `make test`.
# Both install what is missing, build, and then serve or test.
.PHONY: run test bench deps build web unit api-test browser-test format clean

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

bench: build web
	./bench/run.sh

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build web/dist
