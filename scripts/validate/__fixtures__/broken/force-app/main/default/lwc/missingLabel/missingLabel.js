import { LightningElement } from 'lwc';
import GREETING from '@salesforce/label/c.Greetng';
import CHANNEL from '@salesforce/messageChannel/NoSuchChannel__c';
import LIB from '@salesforce/resourceUrl/noSuchLib';
import { parsePhoneNumber } from 'libphonenumber-js';

export default class MissingLabel extends LightningElement {
    greeting = GREETING;
    channel = CHANNEL;
    lib = LIB;
    parse = parsePhoneNumber;
}
