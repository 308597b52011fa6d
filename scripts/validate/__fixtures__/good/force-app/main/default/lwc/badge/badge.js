import { LightningElement, api } from 'lwc';

export default class Badge extends LightningElement {
    /** Text on the badge. */
    @api label;
}
