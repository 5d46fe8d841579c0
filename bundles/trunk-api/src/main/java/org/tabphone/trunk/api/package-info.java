/**
 * SIP trunks (BYOC): the {@link org.tabphone.trunk.api.TrunkDriver} SPI a driver bundle registers,
 * and the {@link org.tabphone.trunk.api.TrunkService} the call bundle asks for capacity, inbound
 * admission and outbound routes.
 *
 * <p>0.3.0: {@code TrunkSettings.autoTransport} ({@code transport = auto}, RFC 3263 §4.1) and
 * {@code OutboundLeg.transport}, the transport a call actually takes.
 */
@Version("0.3.0")
package org.tabphone.trunk.api;

import org.osgi.annotation.versioning.Version;
