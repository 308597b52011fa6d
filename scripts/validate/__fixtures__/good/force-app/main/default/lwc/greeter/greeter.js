import { LightningElement, api, wire } from 'lwc';
import { MessageContext, publish } from 'lightning/messageService';
import GREETING from '@salesforce/label/c.Greeting';
import DEMO_CHANNEL from '@salesforce/messageChannel/DemoChannel__c';
import DEMO_LIB from '@salesforce/resourceUrl/demoLib';
import { formatName } from 'c/formatUtil';

export default class Greeter extends LightningElement {
    /** Record the greeter sits on. */
    @api recordId;
    /** Who to greet. */
    @api title = 'Ada';
    /** Show the badge. */
    @api showBadge = false;

    @wire(MessageContext) messageContext;

    get greeting() {
        return `${GREETING} ${formatName(this.title)}`;
    }

    handleClick() {
        publish(this.messageContext, DEMO_CHANNEL, { libraryUrl: DEMO_LIB });
    }
}
