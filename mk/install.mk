# make install / make uninstall: libvirq for tools that link the model.
# Included by the main Makefile after MODEL_OBJ is defined.
#
#   make install   [PREFIX=/usr/local] [DESTDIR=]   libvirq.a, libvirq.so.A.X.Y.Z
#                  (soname libvirq.so.A) + symlinks, include/virq/*.h,
#                  include/virq_regs.h, lib/pkgconfig/virq.pc
#   make uninstall [PREFIX=...] [DESTDIR=]          removes exactly those files
#
# The version X.Y.Z is the reset value of the VERSION register
# (MAJOR.MINOR.PATCH in bits 23:16, 15:8, 7:0 of VIRQ_VERSION_RESET in
# include/virq_regs.h).  The soname's number A is VIRQ_ABI_VERSION of
# include/virq/virq_model.h, the layout of the structs and the signatures:
# it changes when they do, which the register interface's version need not
# (0.3.0 and 0.4.0 had different virq_in_t / virq_out_t under one soname,
# libvirq.so.0), so a program built against another layout does not load
# this library.

ifndef VIRQ_INSTALL_MK
VIRQ_INSTALL_MK := 1

PREFIX     ?= /usr/local
DESTDIR    ?=
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
INSTALL    ?= install

VIRQ_VERSION_HEX := $(shell sed -n 's/^.define VIRQ_VERSION_RESET 0x\([0-9A-Fa-f]*\)u.*/\1/p' include/virq_regs.h)
ifeq ($(VIRQ_VERSION_HEX),)
$(error mk/install.mk: no VIRQ_VERSION_RESET in include/virq_regs.h)
endif
VIRQ_VERSION_MAJOR := $(shell echo $$(( 0x$(VIRQ_VERSION_HEX) >> 16 & 255 )))
VIRQ_VERSION := $(VIRQ_VERSION_MAJOR).$(shell echo $$(( 0x$(VIRQ_VERSION_HEX) >> 8 & 255 ))).$(shell echo $$(( 0x$(VIRQ_VERSION_HEX) & 255 )))

VIRQ_ABI := $(shell sed -n 's/^.define VIRQ_ABI_VERSION \([0-9][0-9]*\)$$/\1/p' include/virq/virq_model.h)
ifeq ($(VIRQ_ABI),)
$(error mk/install.mk: no VIRQ_ABI_VERSION in include/virq/virq_model.h)
endif
VIRQ_SONAME  := libvirq.so.$(VIRQ_ABI)
VIRQ_SO_REAL := libvirq.so.$(VIRQ_ABI).$(VIRQ_VERSION)
VIRQ_PUBLIC_HDR := $(wildcard include/virq/*.h)
VIRQ_PC_IN   := $(firstword $(wildcard virq.pc.in mk/virq.pc.in))
# in virq.pc, directories under PREFIX are written relative to ${prefix}
virq_pc_rel = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))

# the installed shared library carries a soname (build/libvirq.so has none)
$(BUILD)/$(VIRQ_SO_REAL): $(MODEL_OBJ) mk/libvirq.map
	$(CC) -shared -Wl,-soname,$(VIRQ_SONAME) -Wl,--version-script=mk/libvirq.map $(LDFLAGS) -o $@ $(MODEL_OBJ)

.PHONY: install uninstall

install: $(BUILD)/libvirq.a $(BUILD)/$(VIRQ_SO_REAL)
	$(INSTALL) -d '$(DESTDIR)$(LIBDIR)' '$(DESTDIR)$(INCLUDEDIR)/virq' '$(DESTDIR)$(PKGCONFIGDIR)'
	$(INSTALL) -m 644 $(BUILD)/libvirq.a '$(DESTDIR)$(LIBDIR)/libvirq.a'
	$(INSTALL) -m 755 $(BUILD)/$(VIRQ_SO_REAL) '$(DESTDIR)$(LIBDIR)/$(VIRQ_SO_REAL)'
	ln -sfn $(VIRQ_SO_REAL) '$(DESTDIR)$(LIBDIR)/$(VIRQ_SONAME)'
	ln -sfn $(VIRQ_SONAME) '$(DESTDIR)$(LIBDIR)/libvirq.so'
	$(INSTALL) -m 644 $(VIRQ_PUBLIC_HDR) '$(DESTDIR)$(INCLUDEDIR)/virq/'
	$(INSTALL) -m 644 include/virq_regs.h '$(DESTDIR)$(INCLUDEDIR)/virq_regs.h'
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(call virq_pc_rel,$(LIBDIR))|' \
	    -e 's|@INCLUDEDIR@|$(call virq_pc_rel,$(INCLUDEDIR))|' -e 's|@VERSION@|$(VIRQ_VERSION)|' \
	    $(VIRQ_PC_IN) > '$(DESTDIR)$(PKGCONFIGDIR)/virq.pc'
	chmod 644 '$(DESTDIR)$(PKGCONFIGDIR)/virq.pc'

uninstall:
	rm -f '$(DESTDIR)$(LIBDIR)/libvirq.a' '$(DESTDIR)$(LIBDIR)/$(VIRQ_SO_REAL)' \
	      '$(DESTDIR)$(LIBDIR)/$(VIRQ_SONAME)' '$(DESTDIR)$(LIBDIR)/libvirq.so' \
	      '$(DESTDIR)$(INCLUDEDIR)/virq_regs.h' '$(DESTDIR)$(PKGCONFIGDIR)/virq.pc' \
	      $(foreach h,$(notdir $(VIRQ_PUBLIC_HDR)),'$(DESTDIR)$(INCLUDEDIR)/virq/$(h)')
	rmdir '$(DESTDIR)$(INCLUDEDIR)/virq' 2>/dev/null || true

endif # VIRQ_INSTALL_MK
