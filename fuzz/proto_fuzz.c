// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: clusnetd's CPG message decoder (daemon/proto.c), and
 * what the daemon does with a message that passes it: apply it to the
 * cluster model and derive every state and name from the result. A
 * decoded message must also encode back to the same bytes.
 *
 * FUZZ_SOURCES: daemon/wire.c daemon/proto.c daemon/cluster.c daemon/names.c daemon/state.c
 */
#include <stdlib.h>
#include <string.h>

#include "../daemon/cluster.h"

static struct cd_cluster cl;

static void derive(void)
{
	char name[CD_NAME_MAX + 1];

	for (uint32_t i = 0; i < cl.n_nodes; i++) {
		const struct cd_node *n = &cl.nodes[i];

		(void)cd_node_state(n);
		for (uint32_t j = 0; j < n->n_ifaces; j++) {
			bool first = true;

			(void)cd_if_state(&cl, n, &n->ifaces[j]);
			cd_names_get(&cl, &n->ifaces[j].subnet, name,
				     sizeof(name));
			/* once per network, as the daemon does */
			for (uint32_t k = 0; k < j && first; k++)
				first = cd_subnet_cmp(&n->ifaces[k].subnet,
						      &n->ifaces[j].subnet);
			if (first)
				(void)cd_net_state(&cl, &n->ifaces[j].subnet);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t members[] = { 1, 2, 3 };
	struct cd_msg m;
	size_t len;
	void *again;

	if (cd_decode(data, size, &m))
		return 0;
	/* a message of the current minor re-encodes to the same bytes */
	again = cd_encode(&m, &len);
	if (!again)
		abort();
	if (m.hdr.minor == CD_PROTO_MINOR &&
	    (len != size || memcmp(again, data, size)))
		abort();
	free(again);

	cd_cluster_init(&cl, 1);
	cd_cluster_membership(&cl, members, 3);
	cd_cluster_confchg(&cl, members, 3);
	cd_cluster_apply(&cl, m.hdr.nodeid, &m);
	cd_cluster_apply(&cl, m.hdr.nodeid, &m);	/* twice: replace */
	derive();
	cd_cluster_free(&cl);
	cd_msg_free(&m);
	return 0;
}
