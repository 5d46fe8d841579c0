// The SIP.js softphone: the shared phone (../common) on the SIP.js SimpleUser adapter.
import { startPhone } from '../common/phone.js';
import { createSipjsAdapter } from './adapter.js';

startPhone('sipjs', createSipjsAdapter);
