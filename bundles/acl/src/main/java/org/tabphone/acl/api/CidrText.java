package org.tabphone.acl.api;

/** Syntax check of a CIDR text without name resolution (package-private helper of {@link AclRule}). */
final class CidrText {
    private CidrText() {
    }

    static boolean isValid(String network) {
        if (network == null) {
            return false;
        }
        if (network.equals("any")) {
            return true;
        }
        int slash = network.indexOf('/');
        String addr = slash < 0 ? network : network.substring(0, slash);
        boolean v4 = addr.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = !v4 && addr.contains(":") && addr.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            return false;
        }
        if (v4) {
            for (String part : addr.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
        }
        if (slash < 0) {
            return true;
        }
        String bits = network.substring(slash + 1);
        if (!bits.matches("\\d{1,3}")) {
            return false;
        }
        int n = Integer.parseInt(bits);
        return n <= (v4 ? 32 : 128);
    }
}
