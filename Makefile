# virq — build, simulate, verify.  `make help` lists the targets.

SHELL := /bin/bash
.DEFAULT_GOAL := help

BUILD   ?= build
SIM     ?= verilator
SEED    ?= 1
CYCLES  ?= 1000000
# virq_top's configuration for make sim (and the default build of make
# test): its parameters as NAME=VALUE separated by spaces, the rest at
# their defaults, e.g. make sim PARAMS='NUM_VEC=5 NUM_EQ=8'.  The
# simulators are built with it; each checks at start that the options ask
# for the configuration it was built with (tb/common/lockstep.c).  make
# synth-engine takes the same PARAMS.
PARAMS  ?=
empty :=
space := $(empty) $(empty)
comma := ,
# as lockstep options (--num-vec=5 --num-eq=8), for the model runner
param_opts = $(foreach p,$(1),--$(subst _,-,$(shell echo '$(firstword $(subst =, ,$(p)))' | tr A-Z a-z))=$(lastword $(subst =, ,$(p))))

ifeq ($(origin CC),default)
CC      := gcc
endif
# Warnings are errors here (make test, CI); `make lib` / `make install
# WERROR=` builds with a compiler that warns where this one does not.  Not
# taken from the environment (=, not ?=): only a WERROR= on make's own
# command line turns it off.
WERROR = -Werror
CFLAGS_COMMON := -std=c11 -Wall -Wextra $(WERROR) -Iinclude -Icmodel -Itb/common -Isw
CFLAGS  ?= -O2 -g
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

RTL_SRC   := rtl/virq_axil_slave.v rtl/virq_tick.v rtl/virq_mod_unit.v rtl/virq_moderation.v rtl/virq_eq.v rtl/virq_toeplitz.v rtl/virq_route.v rtl/virq_msix.v rtl/virq_top.v
# blocks built and tested on their own until they join virq_top
RTL_BLOCKS :=
RTL_INC   := include/virq_regs.vh
MODEL_SRC := cmodel/tick.c cmodel/moderation.c cmodel/eq.c cmodel/route.c cmodel/msix.c cmodel/top.c cmodel/toeplitz.c
MODEL_HDR := $(wildcard include/virq/*.h) include/virq_regs.h cmodel/virq_internal.h
# The model's build identity, a hash of its sources: every checkpoint
# carries it, and virq_restore refuses one of other sources, even of the
# same version and state layout (docs/design.md "Checkpoints").  top.c is
# the one user, so top.o is rebuilt when any model source changes.
MODEL_ID := $(shell cat $(MODEL_SRC) $(MODEL_HDR) | sha256sum | cut -c1-16)
CFLAGS_COMMON += -DVIRQ_MODEL_ID='"$(MODEL_ID)"'
TB_SRC    := tb/common/lockstep.c tb/common/axil_bfm.c tb/common/scenarios.c tb/common/scn_eq_random.c tb/common/scn_vf_sweep.c \
             tb/common/scn_drv.c tb/common/hostmem.c sw/virq_drv.c sw/virq_eq_drv.c \
             sw/virq_intx_mon.c sw/virq_broker.c sw/virq_hv_bind.c
TB_HDR    := $(wildcard tb/common/*.h) $(wildcard sw/*.h)
SCENARIOS := mod_a mod_b regs reset eq route stream gev msix vf_sweep drv

BOOTSTRAP = scripts/bootstrap.sh --quiet

MODEL_OBJ := $(MODEL_SRC:%.c=$(BUILD)/obj/%.o)
TB_OBJ    := $(TB_SRC:%.c=$(BUILD)/obj/%.o)

# install and uninstall come from mk/install.mk
.PHONY: help lib regs regs-check unit sim sim-configs test lint formal bench synth synth-engine coverage coverage-toggle clean bootstrap FORCE

help:
	@echo "virq make targets"
	@echo "  make sim          build the RTL with Verilator, run the lockstep regression (SIM=icarus for Icarus)"
	@echo "  make sim-configs  lockstep on Verilator in COUNT (4) configurations drawn from SEED, CYCLES per random run"
	@echo "  make demo         4 guests on 2 CPUs on the C model: moderation, event queues, scheduling, MSI-X,"
	@echo "                    shared INTx and a vector lease, all through the driver (DEMO_ARGS=...)"
	@echo "  make test         everything: register freshness, lint, C unit tests (+ sanitizers),"
	@echo "                    model scenarios, lockstep on Verilator (six configurations) and Icarus"
	@echo "                    (the default, and odd's random run), formal"
	@echo "  make lib          libvirq.a / libvirq.so into $(BUILD)/"
	@echo "  make install      libvirq, headers and virq.pc into PREFIX (default /usr/local; DESTDIR works); make uninstall"
	@echo "  make regs         regenerate include/virq_regs.{h,vh}, docs/registers.md (from include/virq_regs.toml)"
	@echo "                    and tb/icarus/tb_top.v (from include/virq/virq_ports.h), and the excerpt of"
	@echo "                    examples/integration/virq_inst.v in docs/integration.md"
	@echo "  make regs-check   fail if those generated files are stale (make test runs it)"
	@echo "  make bootstrap    install the core tools (scripts/bootstrap.sh core; other targets do it as needed)"
	@echo "  make demo-asan    the same demo built with ASan/UBSan"
	@echo "  make multivm      the multi-VM moderation benchmark: 8 policies, table, SVG plots (build/bench/)"
	@echo "  make multivm-sweep  the same with one interval T for every policy, per T in MULTIVM_SWEEP_T"
	@echo "  make unit         C unit tests of the model and the driver"
	@echo "  make sw-unit      unit tests of the hypervisor side (INTx monitor, lease broker, their binding)"
	@echo "  make lint         verilator --lint-only -Wall on all RTL and the integration example, and the latch check"
	@echo "  make formal       SymbiYosys prove and cover tasks of every block"
	@echo "  make bench        benchmarks: Toeplitz hash (C, against bit-serial), event-path latencies (to the"
	@echo "                    queue write, guest interrupt, MSI-X message), lockstep / RTL / model speed (RUNS=N),"
	@echo "                    the model's events/s, instructions per simulated cycle (valgrind), multi-VM"
	@echo "  make synth        Yosys for ECP5, iCE40, Xilinx 7-series; nextpnr Fmax on ECP5 (build/synth/report.json)"
	@echo "  make synth-engine virq_top on ECP5 only, one place and route per seed in SEEDS (median, range);"
	@echo "                    PARAMS='NUM_VEC=8 NUM_EQ=8' for another configuration of virq_top"
	@echo "  make coverage     line coverage of the RTL by the lockstep regression: build/coverage/annotated/,"
	@echo "                    and the lines no run reached (a report; CYCLES per random run)"
	@echo "  make coverage-toggle  the register and port bits no lockstep run toggled (a report;"
	@echo "                    TOGGLE_CYCLES per random run, 200000)"
	@echo "  make fusesoc-check  the FuseSoC core virq.core: core-info, lint, sim and synth set-up through FuseSoC"
	@echo "  make clean        remove $(BUILD)/"
	@echo "variables: SIM=verilator|icarus|model  SEED=N  CYCLES=N  ICARUS_CYCLES=N (random runs)  JOBS=N"
	@echo "           PARAMS='NAME=VALUE ...' (virq_top's parameters for make sim, e.g. PARAMS='NUM_VEC=5 NUM_EQ=8')"
	@echo "replay one run:  scripts/lockstep.sh verilator|icarus|model SCENARIO SEED [--cycles=N]"
	@echo "                 (after make sim, make sim SIM=icarus or make sim SIM=model built that simulator)"

bootstrap:
	@$(BOOTSTRAP) core

# ---- register map -----------------------------------------------------------
regs:
	python3 scripts/gen_regs.py
	python3 scripts/gen_tb_top.py
	python3 scripts/gen_excerpt.py

regs-check:
	python3 scripts/gen_regs.py --check
	python3 scripts/gen_tb_top.py --check
	python3 scripts/gen_excerpt.py --check

# ---- C model library ----------------------------------------------------------
$(BUILD)/obj/%.o: %.c $(MODEL_HDR) $(TB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) -fPIC -c $< -o $@
$(BUILD)/obj/cmodel/top.o: $(MODEL_SRC)

# Both libraries define only the virq_ API globally: the model's internal
# functions (tick_out, eq_commit, ...) are local, so a program with a
# function of the same name neither replaces them in the shared library nor
# collides with them in the static one (scripts/check_install.sh checks).
# The static library holds one object, the model's objects linked together
# (ld -r) with every other symbol made local (objcopy).
$(BUILD)/libvirq.a: $(MODEL_OBJ)
	rm -f $@ $(BUILD)/obj/libvirq.o
	$(LD) -r -o $(BUILD)/obj/libvirq.o $^
	objcopy -w --keep-global-symbol='virq_*' $(BUILD)/obj/libvirq.o
	ar rcs $@ $(BUILD)/obj/libvirq.o

$(BUILD)/libvirq.so: $(MODEL_OBJ) mk/libvirq.map
	$(CC) -shared -Wl,--version-script=mk/libvirq.map -o $@ $(MODEL_OBJ)

lib: $(BUILD)/libvirq.a $(BUILD)/libvirq.so

include mk/install.mk
include mk/demo.mk
# fragments that add their own programs to `make test` append to
# EXTRA_TEST_DEPS (built first) and EXTRA_TEST_CHECKS (NAME='COMMAND' pairs)
EXTRA_TEST_DEPS :=
EXTRA_TEST_CHECKS :=
-include mk/sw.mk mk/multivm.mk mk/fusesoc.mk

$(BUILD)/libvirq_tb.a: $(TB_OBJ)
	rm -f $@ && ar rcs $@ $^

# ---- model-only runner and unit tests ------------------------------------------
$(BUILD)/virq_modelsim: tb/common/model_main.c $(BUILD)/libvirq_tb.a $(BUILD)/libvirq.a
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) $< $(BUILD)/libvirq_tb.a $(BUILD)/libvirq.a -o $@

$(BUILD)/test_model: tb/unit/test_model.c $(BUILD)/libvirq.a
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) $< $(BUILD)/libvirq.a -o $@

DRV_SRC := sw/virq_drv.c sw/virq_eq_drv.c
$(BUILD)/test_drv: sw/test_drv.c $(DRV_SRC) $(wildcard sw/*.h) $(BUILD)/libvirq.a
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) sw/test_drv.c $(DRV_SRC) $(BUILD)/libvirq.a -o $@

# sanitizer builds compile everything from source
$(BUILD)/asan/virq_modelsim: tb/common/model_main.c $(TB_SRC) $(MODEL_SRC) $(MODEL_HDR) $(TB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(SAN_FLAGS) tb/common/model_main.c $(TB_SRC) $(MODEL_SRC) -o $@

$(BUILD)/asan/test_model: tb/unit/test_model.c $(MODEL_SRC) $(MODEL_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(SAN_FLAGS) tb/unit/test_model.c $(MODEL_SRC) -o $@

$(BUILD)/asan/test_drv: sw/test_drv.c $(DRV_SRC) $(wildcard sw/*.h) $(MODEL_SRC) $(MODEL_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(SAN_FLAGS) sw/test_drv.c $(DRV_SRC) $(MODEL_SRC) -o $@

unit: $(BUILD)/test_model $(BUILD)/test_drv
	$(BUILD)/test_model
	$(BUILD)/test_drv

# ---- Verilator ----------------------------------------------------------------
# The simulated top is virq_vl_top, generated from the port list: virq_top
# with its inputs registered on the clock, so the logic settles once per cycle
# instead of three times (tb/verilator/gen_vl_top.py, tb/verilator/main.cpp;
# 1.9x on the random scenario).  Flags measured and left out (make bench,
# random scenario, within 3 %): -O3, --x-assign fast (the default),
# --x-initial fast, the C++ at -O2 instead of Verilator's -Os (OPT_FAST), and
# no --trace-fst (the waveform of a failing run needs it).
VERILATOR_BIN := $(BUILD)/verilator/Vvirq_tb
VL_TOP_V := $(BUILD)/verilator-gen/virq_vl_top.v
$(VL_TOP_V): tb/verilator/gen_vl_top.py scripts/gen_tb_top.py scripts/synth_params.py include/virq/virq_ports.h rtl/virq_top.v
	@$(BOOTSTRAP) core
	@mkdir -p $(dir $@)
	python3 tb/verilator/gen_vl_top.py $@
VL_DEPS := $(RTL_SRC) $(RTL_INC) $(VL_TOP_V) tb/verilator/main.cpp $(BUILD)/libvirq_tb.a $(BUILD)/libvirq.a
# $(1) build directory, $(2) parameters (NAME=VALUE ...), $(3) more
# Verilator options (make coverage's): $(1)/Vvirq_tb.
# TB_BUILT tells the glue its configuration (NAME=VALUE,NAME=VALUE).
define verilator_build
	@$(BOOTSTRAP) core
	@rm -f $(1)/Vvirq_tb  # Verilator's own make does not see the libraries change
	verilator --cc --exe --build -j 2 -Wall --trace-fst $(3) -Iinclude --top-module virq_vl_top \
	  $(foreach p,$(2),-G$(p)) --Mdir $(1) -o Vvirq_tb \
	  -CFLAGS "-I$(abspath include) -I$(abspath tb/common) -DTB_BUILT=$(subst $(space),$(comma),$(strip $(2)))" \
	  $(VL_TOP_V) $(RTL_SRC) $(abspath tb/verilator/main.cpp) $(abspath $(BUILD)/libvirq_tb.a) $(abspath $(BUILD)/libvirq.a) \
	  > $(1).log 2>&1 || { tail -30 $(1).log; exit 1; }
endef
# a configuration as a file that changes only with it, so that a build is
# redone when its parameters change: $(1) the parameters
define params_file
	@mkdir -p $(dir $@)
	@echo '$(strip $(1))' | cmp -s - $@ || echo '$(strip $(1))' > $@
endef
PARAMS_STAMP := $(BUILD)/params
$(PARAMS_STAMP): FORCE
	@python3 scripts/synth_params.py rtl/virq_top.v '$(PARAMS)' > /dev/null  # a malformed PARAMS stops here, with what is wrong
	$(call params_file,$(PARAMS))
FORCE:
$(VERILATOR_BIN): $(VL_DEPS) $(PARAMS_STAMP)
	$(call verilator_build,$(BUILD)/verilator,$(PARAMS))

# The configurations make test runs besides PARAMS's (docs/design.md,
# "Configurations"): every parameter at a range end or an odd value.
TEST_CONFIGS := min pair small odd max
CONFIG_min   := NUM_VEC=1 NUM_EQ=1 NUM_FUNC=1 EQ_MAX_LOG2=1 NUM_PRS=1 NUM_CPU=1
CONFIG_pair  := NUM_VEC=6 NUM_EQ=16 NUM_FUNC=2 EQ_MAX_LOG2=6 NUM_PRS=2 NUM_CPU=2 ADDR_W=18
CONFIG_small := NUM_VEC=8 NUM_EQ=12 NUM_FUNC=5 EQ_MAX_LOG2=8 NUM_PRS=32 NUM_CPU=8
CONFIG_odd   := NUM_VEC=7 NUM_EQ=9 NUM_FUNC=5 EQ_MAX_LOG2=7 NUM_PRS=6 NUM_CPU=3 ADDR_W=20
CONFIG_max   := NUM_VEC=64 NUM_EQ=256 NUM_FUNC=16 EQ_MAX_LOG2=16 NUM_PRS=2048 NUM_CPU=64 ADDR_W=32
.PRECIOUS: $(BUILD)/cfg-%.params
$(BUILD)/cfg-%.params: FORCE
	$(call params_file,$(CONFIG_$*))
$(BUILD)/verilator-cfg-%/Vvirq_tb: $(VL_DEPS) $(BUILD)/cfg-%.params
	$(call verilator_build,$(BUILD)/verilator-cfg-$*,$(CONFIG_$*))
# the scenarios each one runs (those whose needs it meets; a scenario that
# stops accepting one fails the check) and the random ones' cycles
CONFIG_SCN_min      := random
CONFIG_SCN_pair     := mod_a mod_b regs reset gev random eq_random
CONFIG_SCN_small    := mod_a mod_b regs reset route gev msix vf_sweep drv random eq_random
CONFIG_SCN_odd      := mod_a mod_b regs reset msix random eq_random
CONFIG_SCN_max      := mod_a mod_b regs reset stream gev msix vf_sweep drv random eq_random
CONFIG_CYCLES_min   := 1000000
CONFIG_CYCLES_pair  := 1000000
CONFIG_CYCLES_small := 1000000
CONFIG_CYCLES_odd   := 1000000
CONFIG_CYCLES_max   := 200000
# Icarus too for the configuration with the odd sizes (its own build)
ICARUS_CONFIG := odd
ICARUS_CFG_VVP := $(BUILD)/icarus-cfg-$(ICARUS_CONFIG)/tb_top.vvp
$(ICARUS_CFG_VVP): $(RTL_SRC) $(RTL_INC) tb/icarus/tb_top.v $(BUILD)/cfg-$(ICARUS_CONFIG).params
	$(call icarus_build,$(CONFIG_$(ICARUS_CONFIG)))
# $(1) configuration: its scenarios in lockstep on Verilator, and the model
# alone under ASan on the random scenario
define config_checks
$(foreach s,$(CONFIG_SCN_$(1)),verilator-cfg-$(1)-$(s)='VL_BIN=$(BUILD)/verilator-cfg-$(1)/Vvirq_tb scripts/lockstep.sh verilator $(s) $(SEED)$(if $(filter $(s),$(RANDOM_SCENARIOS)), --cycles=$(CONFIG_CYCLES_$(1)))') \
model-cfg-$(1)-random-asan='$(BUILD)/asan/virq_modelsim --scenario=random --seed=$(SEED) --cycles=200000 $(call param_opts,$(CONFIG_$(1)))'
endef
CONFIG_DEPS := $(foreach c,$(TEST_CONFIGS),$(BUILD)/verilator-cfg-$(c)/Vvirq_tb) $(ICARUS_CFG_VVP)

# ---- Icarus -------------------------------------------------------------------
ICARUS_VPI := $(BUILD)/icarus/virq_tb.vpi
ICARUS_VVP := $(BUILD)/icarus/tb_top.vvp
$(ICARUS_VPI): tb/icarus/virq_vpi.c $(TB_SRC) $(MODEL_SRC) $(MODEL_HDR) $(TB_HDR)
	@$(BOOTSTRAP) core
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -Wno-error=strict-prototypes -O2 -fPIC $$(iverilog-vpi --cflags | sed 's/-g -O2//') \
	  tb/icarus/virq_vpi.c $(TB_SRC) $(MODEL_SRC) $$(iverilog-vpi --ldflags) $$(iverilog-vpi --ldlibs) -o $@

# $@ with the parameters $(1) (NAME=VALUE ...)
define icarus_build
	@$(BOOTSTRAP) core
	@mkdir -p $(dir $@)
	iverilog -g2005 -Wall -Wno-timescale -Wno-sensitivity-entire-array -Iinclude $(foreach p,$(1),-P tb_top.$(p)) \
	  -s tb_top -o $@ tb/icarus/tb_top.v $(RTL_SRC)
endef
$(ICARUS_VVP): $(RTL_SRC) $(RTL_INC) tb/icarus/tb_top.v $(PARAMS_STAMP)
	$(call icarus_build,$(PARAMS))

# ---- lockstep regression ---------------------------------------------------------
sim_deps_verilator := $(VERILATOR_BIN)
sim_deps_icarus    := $(ICARUS_VPI) $(ICARUS_VVP)
sim_deps_model     := $(BUILD)/virq_modelsim

# $(1) simulator, $(2) cycles per random run, $(3) seeds of the random runs
# (with PARAMS, a scenario that does not fit the configuration is skipped)
define lockstep_checks
$(foreach s,$(SCENARIOS),$(1)-$(s)='$(skip_unfit)scripts/lockstep.sh $(1) $(s) $(SEED) $(call param_opts,$(PARAMS))') \
$(foreach r,$(RANDOM_SCENARIOS),$(foreach k,$(3),\
  $(1)-$(r)-$(k)='$(skip_unfit)scripts/lockstep.sh $(1) $(r) $(k) --cycles=$(2) $(call param_opts,$(PARAMS))'))
endef
skip_unfit = $(if $(strip $(PARAMS)),SKIP_UNFIT=1 )
RANDOM_SCENARIOS := random eq_random
# Icarus is about 100x slower than Verilator: its random runs are split over
# two seeds that run in parallel, 10^6 cycles per scenario in all.
ICARUS_CYCLES ?= 500000
ICARUS_SEEDS = $(SEED) $(shell echo $$(( $(SEED) + 1 )))
sim_cycles_verilator := $(CYCLES)
sim_cycles_icarus    := $(ICARUS_CYCLES)
sim_seeds_verilator   = $(SEED)
sim_seeds_icarus      = $(ICARUS_SEEDS)
sim_cycles_model     := $(CYCLES)
sim_seeds_model       = $(SEED)

sim: $(sim_deps_$(SIM))
	@python3 scripts/synth_params.py rtl/virq_top.v '$(PARAMS)' > /dev/null
	@scripts/checks.sh $(BUILD)/logs/sim-$(SIM) $(call lockstep_checks,$(SIM),$(sim_cycles_$(SIM)),$(sim_seeds_$(SIM)))

# The lockstep regression on Verilator in COUNT configurations drawn from
# SEED (a build of about 15-30 s each; not part of make test, which runs five
# fixed ones: docs/design.md "Configurations")
COUNT ?= 4
sim-configs: $(BUILD)/libvirq_tb.a $(BUILD)/libvirq.a $(VL_TOP_V)
	@python3 tb/common/configs.py verilator $(COUNT) $(SEED) $(CYCLES) $(BUILD)

# ---- lint -------------------------------------------------------------------------
# Verilator -Wall on every module as top (and on make synth's generated
# virq_top_ring, and on the integration example of docs/integration.md,
# examples/integration/virq_inst.v, so that it follows virq_top's ports),
# and Yosys: no latches, no
# multiple drivers or combinational loops (check -assert).
RTL_MODULES := $(basename $(notdir $(RTL_SRC) $(RTL_BLOCKS)))
lint_checks = $(foreach m,$(RTL_MODULES),lint-$(m)='verilator --lint-only -Wall -Iinclude --top-module $(m) $(RTL_SRC) $(RTL_BLOCKS)') \
  lint-virq_top_ring='mkdir -p $(BUILD)/lint && python3 tb/verilator/gen_vl_top.py --ring $(BUILD)/lint/virq_top_ring.v && verilator --lint-only -Wall -Iinclude --top-module virq_top_ring $(BUILD)/lint/virq_top_ring.v $(RTL_SRC) $(RTL_BLOCKS)' \
  lint-virq_inst='verilator --lint-only -Wall -Iinclude --top-module virq_inst examples/integration/virq_inst.v $(RTL_SRC) $(RTL_BLOCKS)' \
  lint-latches='scripts/latch_check.sh $(RTL_SRC)'

lint:
	@$(BOOTSTRAP) formal
	@scripts/checks.sh $(BUILD)/logs/lint $(lint_checks)

# ---- formal -------------------------------------------------------------------------
# every .sby has the tasks prove (k-induction) and cover
SBY_FILES   := $(wildcard formal/*.sby)
FORMAL_TASKS := prove cover
formal_checks = $(foreach f,$(SBY_FILES),$(foreach t,$(FORMAL_TASKS),\
  formal-$(basename $(notdir $(f)))-$(t)='scripts/sby.sh -f -d $(BUILD)/formal/$(basename $(notdir $(f)))_$(t) $(f) $(t)'))

formal:
	@$(BOOTSTRAP) formal
	@scripts/checks.sh $(BUILD)/logs/formal $(formal_checks)

# ---- everything -----------------------------------------------------------------------
TEST_DEPS := $(BUILD)/test_model $(BUILD)/test_drv $(BUILD)/virq_modelsim $(BUILD)/virq_demo $(BUILD)/asan/virq_demo \
             $(BUILD)/asan/test_model $(BUILD)/asan/test_drv $(BUILD)/asan/virq_modelsim \
             $(VERILATOR_BIN) $(ICARUS_VPI) $(ICARUS_VVP) $(CONFIG_DEPS) lib $(EXTRA_TEST_DEPS)
test:
	@$(BOOTSTRAP) synth
	@mkdir -p $(BUILD)
	@$(MAKE) --no-print-directory $(TEST_DEPS) > $(BUILD)/test-build.log 2>&1 || { tail -40 $(BUILD)/test-build.log; exit 1; }
	@scripts/checks.sh $(BUILD)/logs/test \
	  regs-fresh='python3 scripts/gen_regs.py --check && python3 scripts/gen_tb_top.py --check && python3 scripts/gen_excerpt.py --check' \
	  $(lint_checks) \
	  unit-model='$(BUILD)/test_model' \
	  unit-model-asan='$(BUILD)/asan/test_model' \
	  unit-ckpt-build='tb/unit/test_ckpt_build.sh $(BUILD) $(MODEL_SRC)' \
	  unit-drv='$(BUILD)/test_drv' \
	  unit-drv-asan='$(BUILD)/asan/test_drv' \
	  $(foreach s,$(SCENARIOS),model-$(s)='scripts/lockstep.sh model $(s) $(SEED)') \
	  model-random-asan='$(BUILD)/asan/virq_modelsim --scenario=random --seed=$(SEED) --cycles=200000' \
	  model-eq_random-asan='$(BUILD)/asan/virq_modelsim --scenario=eq_random --seed=$(SEED) --cycles=200000' \
	  model-configs-asan='python3 tb/common/configs.py model $(BUILD)/asan/virq_modelsim 48 $(SEED)' \
	  cli='tb/common/test_cli.sh $(BUILD)/virq_modelsim $(VERILATOR_BIN) $(ICARUS_VVP)' \
	  toeplitz='tb/toeplitz/build.sh --seed $(SEED)' \
	  synth-smoke='scripts/synth.sh --quick' \
	  synth-report='python3 tb/synth/test_synth_report.py' \
	  synth-params='python3 tb/synth/test_synth_params.py' \
	  param-ranges='python3 tb/synth/test_param_ranges.py $(RTL_SRC)' \
	  bench-smoke='scripts/bench.sh --smoke' \
	  install='BUILD=$(BUILD) scripts/check_install.sh' \
	  demo='$(BUILD)/virq_demo' \
	  demo-asan='$(BUILD)/asan/virq_demo --ms 5' \
	  $(EXTRA_TEST_CHECKS) \
	  $(call lockstep_checks,verilator,$(CYCLES),$(SEED)) \
	  $(call lockstep_checks,icarus,$(ICARUS_CYCLES),$(ICARUS_SEEDS)) \
	  $(foreach c,$(TEST_CONFIGS),$(call config_checks,$(c))) \
	  icarus-cfg-$(ICARUS_CONFIG)-random='IV_VVP=$(ICARUS_CFG_VVP) scripts/lockstep.sh icarus random $(SEED) --cycles=200000' \
	  $(formal_checks)

# ---- FPGA synthesis: resources per target and block, Fmax on ECP5 ---------------------
synth:
	@scripts/synth.sh

# virq_top on ECP5 only, placed and routed once per seed in SEEDS (default
# 1 2 3 4, two at a time): the median and range to compare commits by;
# PARAMS='NUM_VEC=8 NUM_EQ=8' synthesizes another configuration
synth-engine:
	@scripts/synth.sh --engine

# ---- line coverage of the RTL by the lockstep regression (a report, not a check) --------
$(BUILD)/verilator-cov/Vvirq_tb: $(VL_DEPS)
	$(call verilator_build,$(BUILD)/verilator-cov,,--coverage-line)
coverage: $(BUILD)/verilator-cov/Vvirq_tb
	@VL_BIN=$< BUILD=$(BUILD) CYCLES=$(CYCLES) SCENARIOS="$(SCENARIOS)" \
	  RANDOM_SCENARIOS="$(RANDOM_SCENARIOS)" scripts/coverage.sh
# toggle coverage: the register and port bits no run changed (a report)
$(BUILD)/verilator-tog/Vvirq_tb: $(VL_DEPS)
	$(call verilator_build,$(BUILD)/verilator-tog,,--coverage-toggle)
TOGGLE_CYCLES ?= 200000
coverage-toggle: $(BUILD)/verilator-tog/Vvirq_tb
	@MODE=toggle VL_BIN=$< BUILD=$(BUILD) CYCLES=$(TOGGLE_CYCLES) SCENARIOS="$(SCENARIOS)" \
	  RANDOM_SCENARIOS="$(RANDOM_SCENARIOS)" scripts/coverage.sh

# ---- benchmarks (figures, never pass/fail on speed) ------------------------------------
bench: $(VERILATOR_BIN) $(ICARUS_VPI) $(ICARUS_VVP) $(BUILD)/virq_modelsim
	@scripts/bench.sh

clean:
	rm -rf $(BUILD)
