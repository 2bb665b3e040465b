// SPDX-License-Identifier: GPL-2.0
/*
 * Names as keys: object names live in a hash table an unprivileged user
 * (root of its own namespace) fills with names of its choice, so they must
 * spread over the table whatever their bytes; and object and network names
 * fold case the same way, ASCII letters only (names are UTF-8, whose
 * non-ASCII bytes no byte-wise fold may touch).
 */
#include "common.h"

#define NAMES_BITS	6	/* 4^6 = 4096 candidates, all alike below bit 6 */
#define NAMES_MAX	128

FIXTURE(names) {
	int dev;
	int n;
	char names[NAMES_MAX][64];
};

FIXTURE_SETUP(names)
{
	self->n = 0;
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
}

FIXTURE_TEARDOWN(names)
{
	int i;

	if (self->dev < 0)
		return;
	for (i = 0; i < self->n; i++)
		cn_delete(self->dev, self->names[i]);
	close(self->dev);
}

/*
 * The i-th name whose bytes are 0x30, 0x70, 0xb0 or 0xf0 (two bits of i
 * each): they differ only in the two high bits of each byte. A hash whose
 * low bits do not depend on those bits (FNV-1a: a multiply carries only
 * upwards) puts them all in one bucket of a small table, whatever its seed,
 * and the table refuses the insert once the chain is too long to rehash.
 */
static void high_bits_name(char *buf, size_t size, int i)
{
	static const char alike[4] = { '\x30', '\x70', '\xb0', '\xf0' };
	int pos, len;

	len = snprintf(buf, size, "cnt %d hb ", (int)getpid());
	for (pos = 0; pos < NAMES_BITS && len + 1 < (int)size; pos++)
		buf[len++] = alike[(i >> (2 * pos)) & 3];
	buf[len] = '\0';
}

TEST_F(names, high_bits_do_not_collide)
{
	int i, ret;

	CN_REQUIRE_ADMIN();
	for (i = 0; i < NAMES_MAX; i++) {
		high_bits_name(self->names[i], sizeof(self->names[i]), i);
		ret = cn_create(self->dev, self->names[i], "cnhb0", 0, 0, 0644);
		ASSERT_EQ(0, ret) {
			TH_LOG("create %d of %d names alike below bit 6: %s",
			       i + 1, NAMES_MAX, strerror(-ret));
		}
		self->n++;
	}
	/* And every one is found again under its own name. */
	for (i = 0; i < NAMES_MAX; i++) {
		int h = cn_open(self->dev, self->names[i], CLUSNET_GENERIC_READ);

		ASSERT_LE(0, h);
		close(h);
	}
}

/* "Ã" (0xc3) is not "ã" (0xe3): only ASCII letters fold. */
TEST_F(names, object_names_fold_ascii_only)
{
	char upper[64];

	CN_REQUIRE_ADMIN();
	snprintf(self->names[0], sizeof(self->names[0]), "cnt %d \xc3\x80 a",
		 (int)getpid());
	snprintf(self->names[1], sizeof(self->names[1]), "cnt %d \xe3\x80 a",
		 (int)getpid());
	ASSERT_EQ(0, cn_create(self->dev, self->names[0], "cnhb0", 0, 0, 0644));
	self->n = 1;
	ASSERT_EQ(0, cn_create(self->dev, self->names[1], "cnhb0", 0, 0, 0644));
	self->n = 2;
	cn_upper(upper, sizeof(upper), self->names[0]);
	EXPECT_EQ(-EEXIST, cn_create(self->dev, upper, "cnhb0", 0, 0, 0644));
}

/* Network names fold as object names do: pinned to two networks, not one. */
TEST_F(names, network_names_fold_ascii_only)
{
	char net[3][64];
	__u64 id[3];
	int i;

	CN_REQUIRE_ADMIN();
	snprintf(net[0], sizeof(net[0]), "cnt %d net \xc3\x80", (int)getpid());
	snprintf(net[1], sizeof(net[1]), "cnt %d net \xe3\x80", (int)getpid());
	cn_upper(net[2], sizeof(net[2]), net[0]);
	for (i = 0; i < 3; i++) {
		cn_name(self->names[i], sizeof(self->names[i]), "fold");
		ASSERT_EQ(0, cn_create_ex(self->dev, self->names[i], NULL,
					  net[i], "cnhb0", 0, 0, 0644, NULL));
		self->n++;
		ASSERT_LT(0, cn_object_network_id(self->dev, self->names[i]));
		id[i] = cn_object_network_id(self->dev, self->names[i]);
	}
	EXPECT_NE(id[0], id[1]) {
		TH_LOG("\"%s\" and \"%s\" share a network", net[0], net[1]);
	}
	EXPECT_EQ(id[0], id[2]);
}

TEST_HARNESS_MAIN
