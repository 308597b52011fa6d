import { LightningElement, api } from 'lwc';

export default class RequiredProp extends LightningElement {
    /** Heading shown on the card. */
    @api heading;
    /** How many rows to show. */
    @api rowCount = 5;
}
