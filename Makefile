# The two commands: `make run` opens katalog on the demo workspace, `make test` runs every test.
# Both install what they need first (Debian packages), quietly when it is already there.
SHELL := /bin/bash
.DEFAULT_GOAL := run
.PHONY: run test build deps bench

deps:
	@scripts/ensure-deps.sh

build: deps
	swift build

run: build
	.build/debug/katalog

# The CLI tests run the built binary, so it is built before the test bundle.
test: build
	swift build --build-tests
	swift test

# Speed figures (release build); they measure, the tests assert.
bench: deps
	swift build -c release --product katalog-benchmarks
	.build/release/katalog-benchmarks
