/**
 * Access control: ordered allow/deny rules (CIDR, method, transport), global and per tenant,
 * applied to REGISTER and INVITE on every transport before any transaction starts.
 */
@Version("0.1.0")
package org.tabphone.acl.api;

import org.osgi.annotation.versioning.Version;
