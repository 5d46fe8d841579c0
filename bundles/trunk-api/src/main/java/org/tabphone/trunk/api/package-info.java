/**
 * SIP trunks (BYOC): the {@link org.tabphone.trunk.api.TrunkDriver} SPI a driver bundle registers,
 * and the {@link org.tabphone.trunk.api.TrunkService} the call bundle asks for capacity, inbound
 * admission and outbound routes.
 */
@Version("0.2.0")
package org.tabphone.trunk.api;

import org.osgi.annotation.versioning.Version;
