# make demo: build and run sw/virq_demo.c, a multi-guest scenario (4 guests,
# 2 CPUs, moderation variant A and event queues) on the C model through the
# driver.  Included by the main Makefile after BUILD, CFLAGS_COMMON, CFLAGS
# and the libvirq.a rule are defined.  Options go in DEMO_ARGS, e.g.
#   make demo DEMO_ARGS='--seed 7 --ms 50 --slice-us 200'

ifndef VIRQ_DEMO_MK
VIRQ_DEMO_MK := 1

DEMO_SRC  := sw/virq_demo.c sw/virq_guestsim.c sw/virq_drv.c sw/virq_eq_drv.c
DEMO_ARGS ?=

$(BUILD)/virq_demo: $(DEMO_SRC) sw/virq_guestsim.h sw/virq_drv.h sw/virq_eq_drv.h $(BUILD)/libvirq.a
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) $(DEMO_SRC) $(BUILD)/libvirq.a -o $@

.PHONY: demo
demo: $(BUILD)/virq_demo
	$(BUILD)/virq_demo $(DEMO_ARGS)

endif # VIRQ_DEMO_MK
