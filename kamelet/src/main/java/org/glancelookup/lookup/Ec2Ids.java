package org.glancelookup.lookup;

/** Nova's ec2utils.image_ec2_id: {@code ami|aki|ari-%08x} by container format. */
public final class Ec2Ids {
    private Ec2Ids() {
    }

    public static String format(long internalId, Object containerFormat) {
        return prefix(containerFormat) + "-" + String.format("%08x", internalId);
    }

    static String prefix(Object containerFormat) {
        if ("aki".equals(containerFormat) || "kernel".equals(containerFormat)) {
            return "aki";
        }
        if ("ari".equals(containerFormat) || "ramdisk".equals(containerFormat)) {
            return "ari";
        }
        return "ami";
    }
}
