# Hypervisor-side modules of sw/ and their unit tests: the shared-INTx host
# monitor (seed 002) and the MSI vector lease broker (seed 004).  Included by
# the main Makefile after BUILD, CC, CFLAGS_COMMON, CFLAGS and SAN_FLAGS are
# defined.  Both modules are bus-agnostic and need neither the model nor the
# driver core, so each test links only its own module.
#   make build/test_intx_mon build/test_broker        (and build/asan/...)

ifndef VIRQ_SW_MK
VIRQ_SW_MK := 1

HV_TESTS := test_intx_mon test_broker
hv_src_test_intx_mon := sw/test_intx_mon.c sw/virq_intx_mon.c
hv_hdr_test_intx_mon := sw/virq_intx_mon.h sw/virq_drv.h tb/common/check.h
hv_src_test_broker   := sw/test_broker.c sw/virq_broker.c
hv_hdr_test_broker   := sw/virq_broker.h sw/virq_drv.h tb/common/check.h

# $(1) test name
define hv_test_rules
$$(BUILD)/$(1): $$(hv_src_$(1)) $$(hv_hdr_$(1))
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CFLAGS_COMMON) $$(CFLAGS) $$(hv_src_$(1)) -o $$@

$$(BUILD)/asan/$(1): $$(hv_src_$(1)) $$(hv_hdr_$(1))
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CFLAGS_COMMON) $$(SAN_FLAGS) $$(hv_src_$(1)) -o $$@
endef
$(foreach t,$(HV_TESTS),$(eval $(call hv_test_rules,$(t))))

EXTRA_TEST_DEPS += $(foreach t,$(HV_TESTS),$(BUILD)/$(t) $(BUILD)/asan/$(t))
EXTRA_TEST_CHECKS += unit-intx-mon='$(BUILD)/test_intx_mon' \
                     unit-intx-mon-asan='$(BUILD)/asan/test_intx_mon' \
                     unit-broker='$(BUILD)/test_broker' \
                     unit-broker-asan='$(BUILD)/asan/test_broker'

endif # VIRQ_SW_MK
