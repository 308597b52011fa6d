import { LightningElement, api } from 'lwc';

export default class CallCard extends LightningElement {
    /** Heading shown on the card. */
    @api heading;
    /** How many rows to show. */
    @api rows = 3;
    /** Colour of the card. */
    @api tone = 'info';
    /** Tighter spacing. */
    @api compact = false;
}
