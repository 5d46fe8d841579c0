// The JsSIP softphone: the shared phone (../common) on the JsSIP adapter.
import { startPhone } from '../common/phone.js';
import { createJssipAdapter } from './adapter.js';

startPhone('jssip', createJssipAdapter);
