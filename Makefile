# Entry points of the Webchats service; the work is done by scripts/*.sh (see README).
.DEFAULT_GOAL := help
.PHONY: help run token test build bench-micro stop-db clean-data bench soak

API_PROJECT := src/Api/Webchats.Api.csproj
DATA_DIR    := $(CURDIR)/.data

# Dev-token defaults: the demo organization and user, both scopes.
ORG    ?= 65a0e0e0e0e0e0e0e0e0e0e0
SCOPES ?= webchats:read webchats:write
# USER is normally the login name from the environment; only `make token USER=...` on the
# command line names the user id.
ifeq ($(origin USER),command line)
USER_ID := $(USER)
endif
USER_ID ?= 65b1f0a2c3d4e5f6a7b8c9d0

export DOTNET_NOLOGO := 1
export DOTNET_CLI_TELEMETRY_OPTOUT := 1

help:
	@echo 'Targets:'
	@echo '  make run         start PostgreSQL in .data/pg and run the API (ASPNETCORE_URLS, default http://127.0.0.1:5080)'
	@echo '  make token       print a dev JWT as the last line (ORG=, USER= or USER_ID=, SCOPES="webchats:read webchats:write")'
	@echo '  make test        run every test; the last line is "N passed, N failed, N skipped"'
	@echo '  make build       build the solution (Release)'
	@echo '  make bench-micro run the BenchmarkDotNet micro-benchmarks (ARGS="--filter *Name*")'
	@echo '  make bench       HTTP load on the service vs its floors (raw endpoint, pgbench); appends to docs/benchmarks.md'
	@echo '  make soak        5 minutes of PUT/GET load on the service; RSS over time (BENCH_SOAK_SECONDS=)'
	@echo '  make stop-db     stop the .data PostgreSQL cluster'
	@echo '  make clean-data  stop the cluster and delete .data (dev data)'

run:
	@bash scripts/run.sh

# Build noise goes to stderr and the app runs without rebuilding, so the token is the last
# line of stdout: TOKEN=$$(make -s token).
token:
	@dotnet build $(API_PROJECT) -c Release -v q -nologo --tl:off 1>&2
	@ASPNETCORE_ENVIRONMENT=Development dotnet run --project $(API_PROJECT) -c Release --no-build --no-launch-profile \
		-- token --org "$(ORG)" --user "$(USER_ID)" --scopes "$(SCOPES)"

test:
	@bash scripts/test.sh

build:
	dotnet build Webchats.sln -c Release

# Micro-benchmarks (BenchmarkDotNet); figures go to docs/benchmarks.md with the command used.
bench-micro:
	dotnet run -c Release --project bench/Webchats.Benchmarks -- $(if $(ARGS),$(ARGS),--filter '*')

# HTTP benchmark and soak (scripts/bench.sh; settings via BENCH_* variables, see docs/benchmarks.md).
bench:
	@bash scripts/bench.sh bench

soak:
	@bash scripts/bench.sh soak

stop-db:
	@bash scripts/pg-cluster.sh stop "$(DATA_DIR)/pg"

clean-data:
	@bash scripts/pg-cluster.sh destroy "$(DATA_DIR)/pg"
	rm -rf "$(DATA_DIR)"
