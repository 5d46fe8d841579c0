// Bundled by build.mjs into dist/sipjs.js: exposes window.SIP (SIP.js) to the test page.
import * as SIP from 'sip.js';
window.SIP = SIP;
