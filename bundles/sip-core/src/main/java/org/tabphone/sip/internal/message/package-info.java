/**
 * Message implementations over their received octets ({@code WireRequest}, {@code WireResponse},
 * {@code HeaderTable}) and the builders that record edits on top of them ({@code MessageEditor}).
 * Private to this bundle.
 */
package org.tabphone.sip.internal.message;
