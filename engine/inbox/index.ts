/**
 * @module
 * A person's inbox: what is due for them, nearest first, built from the engine's answers for them.
 */
export { buildInbox, deadlineStates, type Inbox, type InboxItem, type InboxOptions } from './inbox.ts';
export { ordersToIssue, ORDERS_TO_ISSUE_LIMIT, type OrdersOfYear, type OrdersToIssue } from './payment-orders.ts';
