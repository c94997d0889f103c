# The two commands: `make run` opens katalog on the demo workspace, `make test` runs every test.
# Both install what they need first (Debian packages), quietly when it is already there.
SHELL := /bin/bash
.DEFAULT_GOAL := run
.PHONY: run test build deps bench

deps:
	@scripts/ensure-deps.sh

build: deps
	@scripts/embed-themes.sh
	swift build

run: build
	.build/debug/katalog

# The CLI tests run the built binary, so it is built before the test bundle. The cloud tests
# run against a BigQuery emulator (local-bigquery, in a venv cached under .cache/) that
# scripts/with-emulator.sh starts on 127.0.0.1, seeds, and stops; then once more against the
# fallback emulator, bqemulator, so the fallback is known to work (it skips what it cannot serve).
test: build
	swift build --build-tests
	scripts/with-emulator.sh swift test
	KATALOG_EMULATOR=bqemulator scripts/with-emulator.sh swift test --skip-build --filter 'KatalogCloudTests|CloudCommandTests' 

# Speed figures (release build); they measure, the tests assert.
bench: deps
	swift build -c release --product katalog-benchmarks
	.build/release/katalog-benchmarks
