# SPDX-License-Identifier: GPL-2.0
#
# clusnet: kernel module (kmod/, built by Kbuild), library (userlib/),
# selftests (selftests/), the cluster daemon (daemon/) and the test VM
# (tools/vm/).
#
#   make                 module for the running kernel, library, selftests,
#                        clusnetctl, clusnetd (needs corosync's -dev
#                        packages: libcpg-dev libcfg-dev libcmap-dev
#                        libquorum-dev)
#   make check           static checks, then the selftests in the test VM
#   make check-cluster   the three-node test cluster (tools/vm/run
#                        --cluster 3): the harness's test and clusnetd's;
#                        make check runs it too, last
#   make check-cluster-harness  only the harness's own test
#   make check-cluster-vms      three VMs, one node each (tools/vm/cluster-vms);
#                        make check-cluster runs it after the one-VM suite
#   make demo            the open path on the test VM's NICs, and clusnetctl
#                        (enumeration, properties, a live state change)
#   make install         module (modules_install + depmod), library, headers,
#                        clusnet.pc, clusnetctl, udev rule, man pages
#                        (DESTDIR, PREFIX)
#   make uninstall       removes exactly what make install installed
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

all: module lib selftests cli daemon

module:
	@test -d $(KDIR) || { echo "no kernel build tree at $(KDIR):" \
		"install linux-headers-$(KVER), or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

lib:
	$(MAKE) -C userlib

selftests: lib
	$(MAKE) -C selftests

cli:
	$(MAKE) -C cli

daemon:
	$(MAKE) -C daemon

demo-prog: lib
	$(MAKE) -C tools/demo

# check and demo: everything for the VM's kernel, with W=1 and sparse.
vm-build:
	tools/vm/setup
	$(MAKE) -C $(KDIR_VM) M=$(CURDIR) W=1 C=2 modules
	$(MAKE) lib selftests demo-prog cli daemon

check: vm-build
	tools/check

# tools/demo/demo.sh: clusnet-demo (the library), then clusnetctl: list,
# networks, show, and watch following a dummy NIC's state changes.
demo: vm-build
	tools/vm/run --add tools/demo/clusnet-demo:/opt/clusnet/clusnet-demo \
		--add tools/demo/demo.sh:/opt/clusnet/demo.sh \
		-- /opt/clusnet/demo.sh
	$(MAKE) --no-print-directory demo-cluster

# The cluster part: three nodes, seen from node1 (tools/demo/cluster.sh).
demo-cluster: vm-build
	tools/vm/run --cluster 3 \
		--add tools/demo/cluster.sh:/opt/clusnet/cluster-demo.sh \
		-- /opt/clusnet/cluster-demo.sh

# The three-node cluster of tools/vm/run --cluster 3, in one VM boot: the
# harness's own test (membership, links, cluster-cut/heal,
# cluster-kill/start), then clusnetd's on real heartbeats (states, names,
# a cut, a NIC down, a clusnetd and a node killed, writes to another
# node's interface, node1's kernel and node1's ClusAPI through
# selftests/cluster/clusapi_probe); then the three-VM test of
# check-cluster-vms below, whatever the first gave. make check runs it
# last (Documentation/testing.rst gives the times under TCG).
# check-cluster-harness runs only the harness's test.
CLUSTER_TESTS := /opt/clusnet/selftests/cluster/harness_test.sh \
	/opt/clusnet/cluster_test.sh

check-cluster: vm-build build/udphub
	rc=0; tools/vm/run --cluster 3 \
		--add daemon/tests/cluster_test.sh:/opt/clusnet/ \
		-- 'rc=0; for t in $(CLUSTER_TESTS); do \
			echo "# $$t at $$(cut -d" " -f1 /proc/uptime)s uptime"; \
			$$t || rc=1; done; \
			echo "# done at $$(cut -d" " -f1 /proc/uptime)s uptime"; \
			exit $$rc' || rc=1; \
	tools/vm/cluster-vms || rc=1; \
	exit $$rc

# Three VMs, one cluster node each, on qemu UDP socket NICs joined by
# build/udphub (no multicast): all Up everywhere, node2's eth1 cable
# pulled is Failed on the others, node3 powered off is Down
# (tools/vm/cluster-vms; Documentation/testing.rst gives the times).
check-cluster-vms: vm-build build/udphub
	tools/vm/cluster-vms

build/udphub: tools/vm/cluster/udphub.c
	@mkdir -p build
	$(CC) -std=gnu11 -Wall -Wextra -Werror -O2 -o $@ $<

check-cluster-harness: vm-build
	tools/vm/run --cluster 3 -- /opt/clusnet/selftests/cluster/harness_test.sh

# make install: DESTDIR (staging root), PREFIX (/usr/local), KVER/KDIR (the
# kernel to build and install the module for), and the directories below.
# install-module, install-lib and install-data are the parts (the Debian
# packaging uses the last two; dkms does the module). uninstall removes
# exactly what install installs.
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
# udev only reads rules from /etc, /run and /lib (/usr/lib): a /usr/local
# install puts its rule in /etc/udev/rules.d.
UDEVRULESDIR ?= $(if $(filter /usr,$(PREFIX)),/lib/udev/rules.d,/etc/udev/rules.d)
INSTALL_MOD_DIR ?= extra
MODDIR = /lib/modules/$(KVER)/$(INSTALL_MOD_DIR)

MAN3 := $(wildcard man/*.3)
MAN4 := $(wildcard man/*.4)
MAN8 := $(wildcard man/*.8)
# Section 3 names documented on another function's page: LINK:PAGE.
MAN3LINKS := OpenClusterEx.3:OpenCluster.3 \
	OpenClusterNetInterfaceEx.3:OpenClusterNetInterface.3 \
	SetLastError.3:GetLastError.3 \
	ClusterNetInterfaceEnum.3:ClusterNetInterfaceOpenEnum.3 \
	ClusterNetInterfaceCloseEnum.3:ClusterNetInterfaceOpenEnum.3 \
	OpenClusterNodeEx.3:OpenClusterNode.3 \
	CloseClusterNode.3:OpenClusterNode.3 \
	GetClusterNodeState.3:OpenClusterNode.3 \
	OpenClusterNetworkEx.3:OpenClusterNetwork.3 \
	CloseClusterNetwork.3:OpenClusterNetwork.3 \
	GetClusterNetworkState.3:OpenClusterNetwork.3 \
	SetClusterNetworkName.3:OpenClusterNetwork.3 \
	GetClusterNetworkId.3:OpenClusterNetwork.3 \
	RegisterClusterNotify.3:CreateClusterNotifyPort.3 \
	GetClusterNotify.3:CreateClusterNotifyPort.3 \
	CloseClusterNotifyPort.3:CreateClusterNotifyPort.3 \
	ResUtilFindExpandSzProperty.3:ResUtilFindSzProperty.3 \
	ResUtilFindDwordProperty.3:ResUtilFindSzProperty.3 \
	ResUtilFindLongProperty.3:ResUtilFindSzProperty.3 \
	ResUtilFindULargeIntegerProperty.3:ResUtilFindSzProperty.3 \
	ResUtilFindMultiSzProperty.3:ResUtilFindSzProperty.3 \
	ResUtilFindBinaryProperty.3:ResUtilFindSzProperty.3 \
	ResUtilFindExpandedSzProperty.3:ResUtilFindSzProperty.3 \
	ResUtilFindFileTimeProperty.3:ResUtilFindSzProperty.3 \
	LocalAlloc.3:ResUtilFindSzProperty.3 \
	LocalFree.3:ResUtilFindSzProperty.3 \
	ClusnetGetLastError.3:GetLastError.3 \
	ClusnetSetLastError.3:GetLastError.3 \
	ClusnetPropListAddSz.3:ClusnetPropListCreate.3 \
	ClusnetPropListAddMultiSz.3:ClusnetPropListCreate.3 \
	ClusnetPropListAddDword.3:ClusnetPropListCreate.3 \
	ClusnetPropListAddBinary.3:ClusnetPropListCreate.3 \
	ClusnetPropListAddValue.3:ClusnetPropListCreate.3 \
	ClusnetPropListData.3:ClusnetPropListCreate.3 \
	ClusnetPropListFree.3:ClusnetPropListCreate.3 \
	ClusnetPropListValidate.3:ClusnetPropListCreate.3 \
	ClusterGetEnumCount.3:ClusterOpenEnum.3 \
	ClusterEnum.3:ClusterOpenEnum.3 \
	ClusterCloseEnum.3:ClusterOpenEnum.3 \
	ClusterNodeGetEnumCount.3:ClusterNodeOpenEnum.3 \
	ClusterNodeEnum.3:ClusterNodeOpenEnum.3 \
	ClusterNodeCloseEnum.3:ClusterNodeOpenEnum.3 \
	ClusterNetworkOpenEnum.3:ClusterNodeOpenEnum.3 \
	ClusterNetworkGetEnumCount.3:ClusterNodeOpenEnum.3 \
	ClusterNetworkEnum.3:ClusterNodeOpenEnum.3 \
	ClusterNetworkCloseEnum.3:ClusterNodeOpenEnum.3 \
	ClusterNodeControlEx.3:ClusterNodeControl.3 \
	ClusterNetworkControl.3:ClusterNodeControl.3 \
	ClusterNetworkControlEx.3:ClusterNodeControl.3 \
	GetClusterNodeId.3:ClusterNodeControl.3 \
	GetClusterFromNode.3:ClusterNodeControl.3 \
	GetClusterFromNetwork.3:ClusterNodeControl.3 \
	GetClusterNetInterfaceEx.3:GetClusterNetInterface.3 \
	ClusterNetInterfaceControlEx.3:ClusterNetInterfaceControl.3

# With DESTDIR (a staging tree), directories left empty are removed up to
# DESTDIR; on the live system directories stay (they may be shared).
prune = $(if $(DESTDIR),d='$(DESTDIR)$(1)'; while [ "$$d" != '$(DESTDIR)' ] && \
	rmdir "$$d" 2>/dev/null; do d=$${d%/*}; done; true)

install: install-module install-lib install-data install-daemon

install-module: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=$(INSTALL_MOD_DIR) \
		$(if $(DESTDIR),INSTALL_MOD_PATH=$(DESTDIR)) modules_install
	depmod $(if $(DESTDIR),-b $(DESTDIR)) -a $(KVER)

install-lib: lib
	$(MAKE) -C userlib install PREFIX=$(PREFIX) LIBDIR=$(LIBDIR) \
		INCLUDEDIR=$(INCLUDEDIR) DESTDIR=$(DESTDIR)
	install -D -m 0644 uapi/linux/clusnet.h \
		$(DESTDIR)$(INCLUDEDIR)/linux/clusnet.h

# clusnetctl, the udev rule and the man pages.
SBINDIR ?= $(PREFIX)/sbin

install-data: cli
	$(MAKE) -C cli install PREFIX=$(PREFIX) SBINDIR=$(SBINDIR) \
		DESTDIR=$(DESTDIR)
	install -D -m 0644 udev/60-clusnet.rules \
		$(DESTDIR)$(UDEVRULESDIR)/60-clusnet.rules
	install -d $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man4
	install -m 0644 $(MAN3) $(DESTDIR)$(MANDIR)/man3/
	$(foreach l,$(MAN3LINKS),ln -sf $(word 2,$(subst :, ,$(l))) \
		$(DESTDIR)$(MANDIR)/man3/$(word 1,$(subst :, ,$(l)));)
	install -m 0644 $(MAN4) $(DESTDIR)$(MANDIR)/man4/
	$(if $(MAN8),install -d $(DESTDIR)$(MANDIR)/man8)
	$(if $(MAN8),install -m 0644 $(MAN8) $(DESTDIR)$(MANDIR)/man8/)

# clusnetd and its systemd unit (SYSTEMDUNITDIR, default
# /lib/systemd/system; the unit's ExecStart follows SBINDIR).
SYSTEMDUNITDIR ?= /lib/systemd/system

install-daemon: daemon
	$(MAKE) -C daemon install PREFIX=$(PREFIX) SBINDIR=$(SBINDIR) \
		SYSTEMDUNITDIR=$(SYSTEMDUNITDIR) DESTDIR=$(DESTDIR)

uninstall-daemon:
	$(MAKE) -C daemon uninstall PREFIX=$(PREFIX) SBINDIR=$(SBINDIR) \
		SYSTEMDUNITDIR=$(SYSTEMDUNITDIR) DESTDIR=$(DESTDIR)
	$(call prune,$(SYSTEMDUNITDIR))
	$(call prune,$(SBINDIR))

uninstall: uninstall-module uninstall-lib uninstall-data uninstall-daemon

# Needs no build tree. With DESTDIR, depmod's index files go as well once
# no module is left in that kernel's tree.
uninstall-module:
	rm -f $(DESTDIR)$(MODDIR)/clusnet.ko $(DESTDIR)$(MODDIR)/clusnet.ko.*
	$(call prune,$(MODDIR))
	if [ -z '$(DESTDIR)' ]; then \
		depmod -a $(KVER); \
	elif [ -d '$(DESTDIR)/lib/modules/$(KVER)' ]; then \
		if find '$(DESTDIR)/lib/modules/$(KVER)' -name '*.ko*' | grep -q .; then \
			depmod -b '$(DESTDIR)' -a $(KVER); \
		else \
			rm -f '$(DESTDIR)/lib/modules/$(KVER)'/modules.*; \
			d='$(DESTDIR)/lib/modules/$(KVER)'; \
			while [ "$$d" != '$(DESTDIR)' ] && rmdir "$$d" 2>/dev/null; do \
				d=$${d%/*}; done; \
		fi; \
	fi

uninstall-lib:
	$(MAKE) -C userlib uninstall PREFIX=$(PREFIX) LIBDIR=$(LIBDIR) \
		INCLUDEDIR=$(INCLUDEDIR) DESTDIR=$(DESTDIR)
	rm -f $(DESTDIR)$(INCLUDEDIR)/linux/clusnet.h
	$(call prune,$(INCLUDEDIR)/linux)

uninstall-data:
	$(MAKE) -C cli uninstall PREFIX=$(PREFIX) SBINDIR=$(SBINDIR) \
		DESTDIR=$(DESTDIR)
	$(call prune,$(SBINDIR))
	rm -f $(DESTDIR)$(UDEVRULESDIR)/60-clusnet.rules
	$(call prune,$(UDEVRULESDIR))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man3/,$(notdir $(MAN3))) \
		$(foreach l,$(MAN3LINKS),$(DESTDIR)$(MANDIR)/man3/$(word 1,$(subst :, ,$(l)))) \
		$(addprefix $(DESTDIR)$(MANDIR)/man4/,$(notdir $(MAN4))) \
		$(addprefix $(DESTDIR)$(MANDIR)/man8/,$(notdir $(MAN8)))
	$(call prune,$(MANDIR)/man3)
	$(call prune,$(MANDIR)/man4)
	$(call prune,$(MANDIR)/man8)

# One version: VERSION, the library's file name and clusnet.pc (derived from
# it), dkms.conf and debian/changelog (checked against it).
check-version:
	@v=$$(cat VERSION); rc=0; \
	d=$$(sed -n 's/^PACKAGE_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$$/\1/p' dkms.conf); \
	c=$$(dpkg-parsechangelog -l debian/changelog -S Version 2>/dev/null || \
		sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' debian/changelog); \
	[ "$$d" = "$$v" ] || { echo "dkms.conf PACKAGE_VERSION $$d != VERSION $$v" >&2; rc=1; }; \
	[ "$${c%-*}" = "$$v" ] || { echo "debian/changelog version $$c != VERSION $$v" >&2; rc=1; }; \
	exit $$rc

clean:
	$(MAKE) -C $(KDIR_VM) M=$(CURDIR) clean 2>/dev/null || true
	$(MAKE) -C userlib clean
	$(MAKE) -C selftests clean KSRC=/nonexistent
	$(MAKE) -C tools/demo clean
	$(MAKE) -C cli clean
	$(MAKE) -C daemon clean

.PHONY: all module lib selftests cli daemon demo-prog vm-build check \
	check-cluster check-cluster-harness check-cluster-vms demo demo-cluster install clean \
	install-module install-lib \
	install-data install-daemon uninstall uninstall-module uninstall-lib \
	uninstall-data uninstall-daemon check-version

# The benchmark (bench/run; Documentation/benchmarks.rst): not part of check.
# BENCH_ARGS=--update-docs also refreshes Documentation/benchmarks.*.
bench: vm-build
	bench/run $(BENCH_ARGS)

.PHONY: bench
