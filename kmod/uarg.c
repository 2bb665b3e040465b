// SPDX-License-Identifier: GPL-2.0
/*
 * Argument structures cross the ABI with their size in their first field,
 * so that old binaries keep working as structures grow (see the uapi
 * header). These helpers are the only place that knows how.
 */
#include <linux/fs.h>
#include <linux/ioctl.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "clusnet.h"

/**
 * clusnet_ioctl_call() - run the handler of an ioctl from a table
 * @table: the ioctls of one kind of file
 * @n: entries in @table
 * @file: the file the ioctl came in on
 * @cmd: the command number userspace built
 * @arg: its argument, a user pointer (compat_ptr_ioctl() made it one)
 *
 * The size bits of a command are the sizeof() of the structure the caller
 * was compiled with. That structure's own size field says the same and is
 * what counts: match type, number and direction only, so that binaries
 * built against older or newer headers reach the handler, whose size rules
 * then decide. A table has a dozen rows: a scan costs less than a
 * sparse array indexed by number would save.
 *
 * Return: what the handler returns, or -ENOTTY for an unknown command.
 */
long clusnet_ioctl_call(const struct clusnet_ioctl *table, size_t n,
			struct file *file, unsigned int cmd, unsigned long arg)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!((table[i].cmd ^ cmd) & ~IOCSIZE_MASK))
			return table[i].fn(file, (void __user *)arg);
	}
	return -ENOTTY;
}

/* Sizes userspace gives, of structures and of array entries alike. */
int clusnet_size_check(u32 size, size_t ver0)
{
	if (size < ver0)
		return -EINVAL;
	if (size > PAGE_SIZE)
		return -E2BIG;
	return 0;
}

/*
 * The size of the event records a new fd reads, as the caller asks for it:
 * 0 is the VER0 size, for binaries built before records could grow.
 */
int clusnet_record_size(u32 *size, size_t ver0)
{
	if (!*size)
		*size = ver0;
	return clusnet_size_check(*size, ver0);
}

int clusnet_arg_in(void *karg, size_t ksize, size_t ver0,
		   const void __user *uarg, u32 *usize)
{
	u32 size;
	int err;

	if (get_user(size, (const u32 __user *)uarg))
		return -EFAULT;
	err = clusnet_size_check(size, ver0);
	if (err)
		return err;

	err = copy_struct_from_user(karg, ksize, uarg, size);
	if (err)
		return err;

	*usize = size;
	return 0;
}

/* Write back no more than the caller's structure holds. */
int clusnet_arg_out(void __user *uarg, u32 usize,
		    const void *karg, size_t ksize)
{
	if (copy_to_user(uarg, karg, min_t(size_t, usize, ksize)))
		return -EFAULT;
	return 0;
}

/*
 * Names travel as pointer and length. An embedded NUL would make the name
 * the kernel stores differ from the one the caller meant: refuse it.
 */
int clusnet_str_in(char *dst, u64 uptr, u32 len, u32 max)
{
	if (!len)
		return -EINVAL;
	if (len > max)
		return -ENAMETOOLONG;
	if (copy_from_user(dst, u64_to_user_ptr(uptr), len))
		return -EFAULT;
	if (memchr(dst, '\0', len))
		return -EINVAL;
	dst[len] = '\0';
	return 0;
}

/*
 * Arrays of entries go out with the entry size the caller built them with,
 * which clusnet_size_check() accepted. Bytes the kernel does not know are
 * zeroed; fields the caller does not know are left out.
 */
int clusnet_array_out(u64 uptr, u32 usize, const void *karray, size_t ksize,
		      u32 n)
{
	char __user *dst = u64_to_user_ptr(uptr);
	size_t copy = min_t(size_t, usize, ksize);
	u32 i;

	for (i = 0; i < n; i++, dst += usize, karray += ksize) {
		if (copy_to_user(dst, karray, copy))
			return -EFAULT;
		if (usize > copy && clear_user(dst + copy, usize - copy))
			return -EFAULT;
	}
	return 0;
}
