# Hypervisor-side modules of sw/ and their unit tests: the shared-INTx host
# monitor (seed 002), the MSI vector lease broker (seed 004), and both bound
# to the device (sw/virq_hv_bind.c; the broker to one instance or, with
# virq_broker_mbind, to several in one pool).  Included by the main Makefile
# after BUILD, CC, CFLAGS_COMMON, CFLAGS, SAN_FLAGS and MODEL_SRC are defined.
# The monitor and the broker are bus-agnostic: their own tests link only the
# module.  test_hv_bind runs both, bound through the driver core, against
# the C model (libvirq; the sanitizer build compiles the model from source),
# two model instances for the pool of several.
#   make sw-unit                         (build and run all of them)
#   make build/test_hv_bind              (and build/asan/..., for each test)
# `make unit` runs sw-unit too.

ifndef VIRQ_SW_MK
VIRQ_SW_MK := 1

HV_TESTS := test_intx_mon test_broker test_hv_bind
hv_src_test_intx_mon := sw/test_intx_mon.c sw/virq_intx_mon.c
hv_hdr_test_intx_mon := sw/virq_intx_mon.h sw/virq_drv.h tb/common/check.h
hv_src_test_broker   := sw/test_broker.c sw/virq_broker.c
hv_hdr_test_broker   := sw/virq_broker.h sw/virq_drv.h tb/common/check.h
hv_src_test_hv_bind  := sw/test_hv_bind.c sw/virq_hv_bind.c sw/virq_intx_mon.c sw/virq_broker.c \
                        sw/virq_drv.c sw/virq_eq_drv.c
hv_hdr_test_hv_bind  := sw/virq_hv_bind.h sw/virq_intx_mon.h sw/virq_broker.h sw/virq_drv.h sw/virq_eq_drv.h \
                        sw/virq_test_lender.h tb/common/check.h
# what a test links besides its sources: nothing, or the model
hv_lib_test_hv_bind  := $(BUILD)/libvirq.a
hv_san_test_hv_bind  := $(MODEL_SRC)

# $(1) test name
define hv_test_rules
$$(BUILD)/$(1): $$(hv_src_$(1)) $$(hv_hdr_$(1)) $$(hv_lib_$(1))
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CFLAGS_COMMON) $$(CFLAGS) $$(hv_src_$(1)) $$(hv_lib_$(1)) -o $$@

$$(BUILD)/asan/$(1): $$(hv_src_$(1)) $$(hv_hdr_$(1)) $$(hv_san_$(1))
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CFLAGS_COMMON) $$(SAN_FLAGS) $$(hv_src_$(1)) $$(hv_san_$(1)) -o $$@
endef
$(foreach t,$(HV_TESTS),$(eval $(call hv_test_rules,$(t))))

.PHONY: sw-unit
sw-unit: $(foreach t,$(HV_TESTS),$(BUILD)/$(t))
	@$(foreach t,$(HV_TESTS),$(BUILD)/$(t) &&) true

unit: sw-unit

EXTRA_TEST_DEPS += $(foreach t,$(HV_TESTS),$(BUILD)/$(t) $(BUILD)/asan/$(t))
EXTRA_TEST_CHECKS += unit-intx-mon='$(BUILD)/test_intx_mon' \
                     unit-intx-mon-asan='$(BUILD)/asan/test_intx_mon' \
                     unit-broker='$(BUILD)/test_broker' \
                     unit-broker-asan='$(BUILD)/asan/test_broker' \
                     unit-hv-bind='$(BUILD)/test_hv_bind' \
                     unit-hv-bind-asan='$(BUILD)/asan/test_hv_bind'

endif # VIRQ_SW_MK
