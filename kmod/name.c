// SPDX-License-Identifier: GPL-2.0
/*
 * Names of objects and networks compare as Windows compares cluster names,
 * without regard to case. Names are UTF-8 and the kernel has no Unicode
 * case tables, so only ASCII letters fold, and they fold the same way for
 * every table: strncasecmp() would also fold Latin-1 bytes, which in UTF-8
 * are parts of other characters.
 *
 * The hash tables are keyed with siphash and a secret key: an unprivileged
 * user chooses the names, and must not be able to choose ones that collide.
 */
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/string.h>

#include "clusnet.h"

static siphash_key_t clusnet_name_key __read_mostly;

/** clusnet_name_init() - draws the secret hash key, once per module load. */
void clusnet_name_init(void)
{
	get_random_bytes(&clusnet_name_key, sizeof(clusnet_name_key));
}

static inline u8 clusnet_fold(u8 c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/**
 * clusnet_name_eq() - whether two names are the same name
 * @a: a name, not necessarily NUL-terminated
 * @alen: its length in bytes
 * @b: the other name
 * @blen: its length
 *
 * Return: true if they are equal but for the case of ASCII letters.
 */
bool clusnet_name_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;

	if (alen != blen)
		return false;
	for (i = 0; i < alen; i++)
		if (clusnet_fold(a[i]) != clusnet_fold(b[i]))
			return false;
	return true;
}

/**
 * clusnet_name_hash() - the hash of a name, equal for equal names
 * @s: the name, at most CLUSNET_NAME_MAX bytes
 * @len: its length
 * @seed: the table's seed, which rhashtable changes when it rehashes
 *
 * Return: a hash no user can predict without the module's secret key.
 */
u32 clusnet_name_hash(const char *s, size_t len, u32 seed)
{
	siphash_key_t key = clusnet_name_key;
	u8 folded[CLUSNET_NAME_MAX];
	size_t i;

	len = min_t(size_t, len, sizeof(folded));
	for (i = 0; i < len; i++)
		folded[i] = clusnet_fold(s[i]);
	key.key[0] ^= seed;
	return (u32)siphash(folded, len, &key);
}
