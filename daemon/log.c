// SPDX-License-Identifier: GPL-2.0
/*
 * Logging to stderr with sd-daemon(3) priority prefixes ("<3>...") that
 * journald turns into priorities; it adds the time and the unit itself.
 * In the foreground without a journal the prefixes are still harmless.
 */
#include <stdio.h>
#include <syslog.h>

#include "daemon.h"

int cd_debug;

void cd_log(int prio, const char *fmt, ...)
{
	va_list ap;

	if (prio >= LOG_DEBUG && !cd_debug)
		return;
	va_start(ap, fmt);
	fprintf(stderr, "<%d>", prio);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}
