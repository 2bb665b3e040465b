/* SPDX-License-Identifier: GPL-2.0 */
/* A minimal TAP producer for the daemon's host tests. */
#ifndef CLUSNETD_TAP_H
#define CLUSNETD_TAP_H

#include <stdio.h>

static int tap_n, tap_fail;

/* cond is evaluated once: it may have side effects. */
#define CHECK(cond, ...)						\
	do {								\
		int tap_ok = !!(cond);					\
									\
		tap_n++;						\
		if (tap_ok) {						\
			printf("ok %d - ", tap_n);			\
		} else {						\
			tap_fail++;					\
			printf("not ok %d - ", tap_n);			\
		}							\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		if (!tap_ok)						\
			printf("#   %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_fail ? 1 : 0;
}

#endif
