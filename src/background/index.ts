import browser from 'webextension-polyfill';
import { startWorker } from './worker';

startWorker(browser);
