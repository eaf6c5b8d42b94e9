# make demo: build and run sw/virq_demo.c, a multi-guest scenario (4 guests,
# 2 CPUs, moderation variant A and event queues; MSI-X messages, one guest on
# INTx through the host monitor, a vector lease through the bound broker) on
# the C model through the driver.  Included by the main Makefile after BUILD,
# CC, CFLAGS_COMMON, CFLAGS, SAN_FLAGS, MODEL_SRC, MODEL_HDR and the
# libvirq.a rule are defined.  Options go in DEMO_ARGS, e.g.
#   make demo DEMO_ARGS='--seed 7 --ms 50 --slice-us 200'
# make demo-asan: the same program built with ASan/UBSan (the model from
# source, like the other build/asan programs).

ifndef VIRQ_DEMO_MK
VIRQ_DEMO_MK := 1

DEMO_SRC  := sw/virq_demo.c sw/virq_guestsim.c sw/virq_drv.c sw/virq_eq_drv.c \
             sw/virq_intx_mon.c sw/virq_broker.c sw/virq_hv_bind.c
DEMO_HDR  := sw/virq_guestsim.h sw/virq_drv.h sw/virq_eq_drv.h \
             sw/virq_intx_mon.h sw/virq_broker.h sw/virq_hv_bind.h
DEMO_ARGS ?=

$(BUILD)/virq_demo: $(DEMO_SRC) $(DEMO_HDR) $(BUILD)/libvirq.a
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) $(DEMO_SRC) $(BUILD)/libvirq.a -o $@

$(BUILD)/asan/virq_demo: $(DEMO_SRC) $(DEMO_HDR) $(MODEL_SRC) $(MODEL_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(SAN_FLAGS) $(DEMO_SRC) $(MODEL_SRC) -o $@

.PHONY: demo demo-asan
demo: $(BUILD)/virq_demo
	$(BUILD)/virq_demo $(DEMO_ARGS)

demo-asan: $(BUILD)/asan/virq_demo
	$(BUILD)/asan/virq_demo $(DEMO_ARGS)

endif # VIRQ_DEMO_MK
