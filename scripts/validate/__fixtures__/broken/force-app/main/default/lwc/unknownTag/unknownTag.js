import { LightningElement } from 'lwc';

export default class UnknownTag extends LightningElement {}
