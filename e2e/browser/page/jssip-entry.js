// Bundled by build.mjs into dist/jssip.js: exposes window.JsSIP to the test page.
import JsSIP from 'jssip';
window.JsSIP = JsSIP;
