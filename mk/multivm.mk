# make multivm: the multi-VM workload of issue 7 (tb/bench/multivm.c): eight
# interrupt moderation policies on the same bursty arrivals, guests
# time-sliced on fewer CPUs, on the C model through the driver.  Writes
# build/bench/multivm.json and two SVG plots (scripts/plot_multivm.py);
# docs/multivm.md explains method and figures.  Options in MULTIVM_ARGS, e.g.
#   make multivm MULTIVM_ARGS='--slice-us 1000 --ms 200'
# Included by the main Makefile after BUILD, CC, CFLAGS_COMMON, CFLAGS,
# SAN_FLAGS and the libvirq.a rule are defined.

ifndef VIRQ_MULTIVM_MK
VIRQ_MULTIVM_MK := 1

MULTIVM_SRC  := tb/bench/multivm.c sw/virq_guestsim.c sw/virq_drv.c sw/virq_eq_drv.c
MULTIVM_HDR  := sw/virq_guestsim.h sw/virq_drv.h sw/virq_eq_drv.h
MULTIVM_ARGS ?=

$(BUILD)/multivm: $(MULTIVM_SRC) $(MULTIVM_HDR) $(BUILD)/libvirq.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) $(MULTIVM_SRC) $(BUILD)/libvirq.a -o $@

# sanitizer build, from source like the other asan programs
$(BUILD)/asan/multivm: $(MULTIVM_SRC) $(MULTIVM_HDR) $(MODEL_SRC) $(MODEL_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(SAN_FLAGS) $(MULTIVM_SRC) $(MODEL_SRC) -o $@

.PHONY: multivm
multivm: $(BUILD)/multivm
	@mkdir -p $(BUILD)/bench
	$(BUILD)/multivm --json $(BUILD)/bench/multivm.json $(MULTIVM_ARGS)
	python3 scripts/plot_multivm.py $(BUILD)/bench/multivm.json $(BUILD)/bench

# make multivm-sweep: the same interval T for every policy (fixed's period,
# ratelimit's and the cooperated latency interval, the adaptive tuner's
# longest interval), one run per T; the table in build/bench/multivm_sweep.md
MULTIVM_SWEEP_T ?= 50 100 150 256
MULTIVM_SWEEP_ARGS ?= --ms 200
.PHONY: multivm-sweep
multivm-sweep: $(BUILD)/multivm
	@mkdir -p $(BUILD)/bench
	set -e; for t in $(MULTIVM_SWEEP_T); do \
	  $(BUILD)/multivm --quiet --interval-us $$t --adaptive-max-us $$t $(MULTIVM_SWEEP_ARGS) \
	    --json $(BUILD)/bench/multivm_T$$t.json > $(BUILD)/bench/multivm_T$$t.txt; done
	python3 scripts/plot_multivm.py --sweep $(BUILD)/bench/multivm_sweep.md \
	  $(foreach t,$(MULTIVM_SWEEP_T),$(BUILD)/bench/multivm_T$(t).json)

# the guest simulation's own test: traffic it cannot offer is counted and
# fails a self-check (tb/bench/test_guestsim.c)
GUESTSIM_TEST_SRC := tb/bench/test_guestsim.c sw/virq_guestsim.c sw/virq_drv.c sw/virq_eq_drv.c
$(BUILD)/test_guestsim: $(GUESTSIM_TEST_SRC) $(MULTIVM_HDR) tb/common/check.h $(BUILD)/libvirq.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) $(GUESTSIM_TEST_SRC) $(BUILD)/libvirq.a -o $@

$(BUILD)/asan/test_guestsim: $(GUESTSIM_TEST_SRC) $(MULTIVM_HDR) tb/common/check.h $(MODEL_SRC) $(MODEL_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(SAN_FLAGS) $(GUESTSIM_TEST_SRC) $(MODEL_SRC) -o $@

# make test: a short run (every policy, 20 ms each) whose self-checks must
# hold; the guest simulation's test, also with the sanitizers; bad command
# lines of multivm and of the plot script are refused
# (tb/bench/test_multivm_cli.sh)
EXTRA_TEST_DEPS += $(BUILD)/multivm $(BUILD)/test_guestsim $(BUILD)/asan/test_guestsim
EXTRA_TEST_CHECKS += multivm-smoke='$(BUILD)/multivm --ms 20 --quiet' \
                     unit-guestsim='$(BUILD)/test_guestsim' \
                     unit-guestsim-asan='$(BUILD)/asan/test_guestsim' \
                     multivm-cli='tb/bench/test_multivm_cli.sh $(BUILD)/multivm'

endif # VIRQ_MULTIVM_MK
