import { LightningElement } from 'lwc';

export default class HiddenCard extends LightningElement {}
