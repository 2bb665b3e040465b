# SPDX-License-Identifier: GPL-2.0
#
# clusnet: kernel module (kmod/, built by Kbuild), library (userlib/),
# selftests (selftests/) and the test VM (tools/vm/).
#
#   make                 module for the running kernel, library, selftests
#   make check           static checks, then the selftests in the test VM
#   make demo            the open path on the test VM's NICs
#   make install         module (modules_install + depmod) and library
#
# The module is built for KDIR; check and demo build it for the kernel the
# test VM boots, whatever the host runs.

KVER_VM = $(shell tools/vm/kver)
KDIR_VM = /usr/src/linux-headers-$(KVER_VM)
KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
PREFIX ?= /usr/local
DESTDIR ?=

export CLUSNET_MODULE := $(CURDIR)/clusnet.ko

all: module lib selftests

module:
	@test -d $(KDIR) || { echo "no kernel build tree at $(KDIR):" \
		"install linux-headers-$(KVER), or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

lib:
	$(MAKE) -C userlib

selftests: lib
	$(MAKE) -C selftests

demo-prog: lib
	$(MAKE) -C tools/demo

# check and demo: everything for the VM's kernel, with W=1 and sparse.
vm-build:
	tools/vm/setup
	$(MAKE) -C $(KDIR_VM) M=$(CURDIR) W=1 C=2 modules
	$(MAKE) lib selftests demo-prog

check: vm-build
	tools/check

demo: vm-build
	tools/vm/run --add tools/demo/clusnet-demo:/opt/clusnet/clusnet-demo \
		-- /opt/clusnet/clusnet-demo

install: module lib
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install \
		$(if $(DESTDIR),INSTALL_MOD_PATH=$(DESTDIR))
	depmod $(if $(DESTDIR),-b $(DESTDIR)) -a $(KVER)
	$(MAKE) -C userlib install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	install -D -m 0644 uapi/linux/clusnet.h \
		$(DESTDIR)$(PREFIX)/include/linux/clusnet.h

clean:
	$(MAKE) -C $(KDIR_VM) M=$(CURDIR) clean 2>/dev/null || true
	$(MAKE) -C userlib clean
	$(MAKE) -C selftests clean KSRC=/nonexistent
	$(MAKE) -C tools/demo clean

.PHONY: all module lib selftests demo-prog vm-build check demo install clean
