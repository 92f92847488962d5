/** Vietnam's calendar: "today" and period ends are Vietnamese days (Asia/Ho_Chi_Minh, UTC+7). */
const VN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Vietnam as YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  return VN_DATE.format(now);
}
