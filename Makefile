# The two commands: `make run` opens katalog on the demo workspace, `make test` runs every test.
# Both install what they need first (Debian packages), quietly when it is already there.
SHELL := /bin/bash
.DEFAULT_GOAL := run
.PHONY: run test build deps bench stress install
PREFIX ?= $(HOME)/.local
CONFIGURATION ?= release

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
	scripts/check-install.sh
	@# A smoke run of every benchmark: tiny sizes, the debug build, nothing written.
	scripts/ensure-deps.sh bench
	scripts/bench.sh --quick

# Speed figures (release build); they measure, the tests assert.
bench:
	scripts/ensure-deps.sh bench
	@scripts/embed-themes.sh
	swift build -c release --product katalog-benchmarks
	swift build -c release --product katalog
	scripts/bench.sh

# Hardening figures (docs/reliability.md): the long variants of the crash, fault, abuse and
# bad-file tests against the emulator, and libFuzzer with AddressSanitizer over every parser.
stress: build
	scripts/stress.sh

# The binary (themes inside), its man page and shell completions under PREFIX (default
# ~/.local): `make install`, then `katalog` from any folder.
install: deps
	@scripts/embed-themes.sh
	swift build -c $(CONFIGURATION) --product katalog
	swift package generate-manual --configuration $(CONFIGURATION) >/dev/null
	scripts/install.sh "$(PREFIX)" "$$(swift build -c $(CONFIGURATION) --show-bin-path)/katalog" .build/plugins/GenerateManual/outputs/katalog/katalog.1
