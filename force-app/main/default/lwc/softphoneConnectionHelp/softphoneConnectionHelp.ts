/**
 * Inside softphoneBridge, when no adapter page answers: what an admin must check, and a retry.
 * Event: `retry` (the parent asks the adapter for its state again).
 */
import { LightningElement } from 'lwc';
import CHECK_CALL_CENTER from '@salesforce/label/c.SoftphoneBridge_Check_Call_Center';
import CHECK_PERMISSION_SET from '@salesforce/label/c.SoftphoneBridge_Check_Permission_Set';
import CHECK_UTILITY_ITEM from '@salesforce/label/c.SoftphoneBridge_Check_Utility_Item';
import NOT_CONNECTED_BODY from '@salesforce/label/c.SoftphoneBridge_Not_Connected_Body';
import NOT_CONNECTED_HEADING from '@salesforce/label/c.SoftphoneBridge_Not_Connected_Heading';
import RETRY_CONNECTION from '@salesforce/label/c.SoftphoneBridge_Retry_Connection';

export default class SoftphoneConnectionHelp extends LightningElement {
    readonly labels = {
        checkCallCenter: CHECK_CALL_CENTER,
        checkPermissionSet: CHECK_PERMISSION_SET,
        checkUtilityItem: CHECK_UTILITY_ITEM,
        notConnectedBody: NOT_CONNECTED_BODY,
        notConnectedHeading: NOT_CONNECTED_HEADING,
        retryConnection: RETRY_CONNECTION
    };

    handleRetry(): void {
        this.dispatchEvent(new CustomEvent('retry'));
    }
}
