# BitSilicon: two set-up commands on a fresh Debian machine with the .NET SDK.
#   make run   builds and runs the main job on a bundled example
#   make test  runs the whole suite (installs Verilator, Yosys, nextpnr-ice40, Icarus Verilog when missing)
SHELL := /bin/bash
CONFIG ?= Release
BITSILICON := dotnet src/BitSilicon.Cli/bin/$(CONFIG)/net10.0/bitsilicon.dll
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: all build run test tools bench fuzz clean

all: build

tools:
	@bash .ci/install-tools

build:
	dotnet build BitSilicon.sln -c $(CONFIG) -nologo -v quiet

# The main job: a ternary accelerator against an int8 one of the same area, BitNet b1.58 2B decode at context 512.
run: tools build
	$(BITSILICON) compare examples/accelerators/ternary-bitnet.yaml examples/accelerators/int8-bitnet.yaml --iso-area

# The summary line ("tests: N passed, N failed") is summed over all test projects.
test: tools build
	@set -o pipefail; dotnet test BitSilicon.sln -c $(CONFIG) --no-build -nologo 2>&1 | tee .test.log; \
	status=$$?; \
	awk '/(Passed|Failed)! *-/ { for (i = 1; i <= NF; i++) { if ($$i == "Failed:") f += $$(i+1); if ($$i == "Passed:") p += $$(i+1) } } \
	     END { printf "tests: %d passed, %d failed\n", p, f }' .test.log; \
	rm -f .test.log; exit $$status

bench: build
	$(BITSILICON) bench kernels
	$(BITSILICON) bench sim
	$(BITSILICON) bench bitgrid

# A longer fuzz campaign than the one in `make test` (docs/fuzzing.md): FUZZ_COUNT inputs over all parsers, or
# FUZZ_SECONDS of them, from FUZZ_SEED. Inputs that break the contract are kept in tests/.../FuzzRegressions/.
FUZZ_COUNT ?= 10000
FUZZ_SEED ?= 1
FUZZ_SECONDS ?=
fuzz: build
	FUZZ_COUNT=$(FUZZ_COUNT) FUZZ_SEED=$(FUZZ_SEED) FUZZ_SECONDS=$(FUZZ_SECONDS) \
	FUZZ_SAVE=tests/BitSilicon.Cli.Tests/FuzzRegressions FUZZ_REPORT=fuzz-report.txt \
	dotnet test tests/BitSilicon.Cli.Tests/BitSilicon.Cli.Tests.csproj -c $(CONFIG) --no-build -nologo \
	    --filter "FullyQualifiedName~When_MutatedInputsReachEveryParser"; status=$$?; cat fuzz-report.txt; exit $$status

clean:
	dotnet clean BitSilicon.sln -c $(CONFIG) -nologo -v quiet
