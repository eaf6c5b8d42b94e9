# make fusesoc-check: check virq.core, the FuseSoC (CAPI2) core description
# of the RTL (docs/fusesoc.md), with the FuseSoC that scripts/bootstrap.sh
# installs (`bootstrap.sh fusesoc`; the `synth` set that make test uses
# includes it):
#   - the core's version is the register interface version (VERSION
#     register, VIRQ_VERSION from mk/install.mk);
#   - fusesoc core-info parses and validates the core;
#   - target lint: Verilator -Wall through FuseSoC's lint flow;
#   - target sim: Icarus elaboration of virq_top;
#   - target synth: set up only (the Edalize scripts are written, Yosys does
#     not run: an ECP5 synthesis of virq_top takes minutes, and Edalize needs
#     a Yosys with Tcl, which YoWASP's is not; make synth covers synthesis).
# Lint and sim export the fileset into the build tree and run there, so a
# file missing from virq.core fails them.  Everything FuseSoC writes goes
# under $(BUILD)/fusesoc: its config (which alone is read, so no user
# fusesoc.conf or FUSESOC_CORES leaks in), cache and work trees.
# Included by the main Makefile after BUILD and mk/install.mk.

ifndef VIRQ_FUSESOC_MK
VIRQ_FUSESOC_MK := 1

FUSESOC      ?= fusesoc
FUSESOC_CORE := $(shell sed -n 's/^name: *//p' virq.core)
FUSESOC_DIR  := $(BUILD)/fusesoc
FUSESOC_CONF := $(FUSESOC_DIR)/fusesoc.conf
# FuseSoC scans the cores root (the repository) for .core files; the build
# tree is left out (ignored_dirs must be real paths)
$(FUSESOC_CONF): mk/fusesoc.mk
	@mkdir -p $(FUSESOC_DIR)/cache
	printf '[main]\ncache_root = %s\nignored_dirs = %s\n' \
	  "$$(realpath $(FUSESOC_DIR)/cache)" "$$(realpath $(BUILD))" > $@

FUSESOC_CMD = env -u FUSESOC_CORES $(FUSESOC) --monochrome --config $(FUSESOC_CONF) --cores-root .
FUSESOC_RUN = $(FUSESOC_CMD) run --clean --build-root $(FUSESOC_DIR)
# one shell line without single quotes: it is also an EXTRA_TEST_CHECKS entry
FUSESOC_CHECK = { [ -z "$(VIRQ_VERSION)" ] || [ "$(lastword $(subst :, ,$(FUSESOC_CORE)))" = "$(VIRQ_VERSION)" ] \
    || { echo "virq.core: version of $(FUSESOC_CORE) is not the register interface version $(VIRQ_VERSION)"; false; }; } \
  && $(FUSESOC_CMD) core-info $(FUSESOC_CORE) \
  && $(FUSESOC_RUN) --target=lint $(FUSESOC_CORE) \
  && $(FUSESOC_RUN) --target=sim $(FUSESOC_CORE) \
  && $(FUSESOC_RUN) --target=synth --setup $(FUSESOC_CORE) \
  && echo "fusesoc-check: $(FUSESOC_CORE): core-info, lint, sim (elaboration), synth (setup) passed"

.PHONY: fusesoc-check
fusesoc-check: $(FUSESOC_CONF)
	@$(BOOTSTRAP) fusesoc
	@$(FUSESOC_CHECK)

EXTRA_TEST_DEPS += $(FUSESOC_CONF)
EXTRA_TEST_CHECKS += fusesoc='$(FUSESOC_CHECK)'

endif # VIRQ_FUSESOC_MK
