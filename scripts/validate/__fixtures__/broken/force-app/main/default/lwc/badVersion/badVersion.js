import { LightningElement } from 'lwc';

export default class BadVersion extends LightningElement {}
