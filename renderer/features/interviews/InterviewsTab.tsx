/** Interviews of a case and, for the one opened, the transcript editor with its recording and revision history. */
import { useState } from 'react';
import { InterviewDetail } from './InterviewDetail';
import { InterviewList } from './InterviewList';
import './interviews.css';
import '../timeline/timeline.css';

/** Interviews and the transcript editor; `focusId` opens one interview directly. */
export function InterviewsTab({
  caseId,
  focusId,
}: {
  caseId: string;
  focusId?: string | undefined;
}): React.JSX.Element {
  const [openId, setOpenId] = useState<string | null>(focusId ?? null);
  if (openId !== null)
    return <InterviewDetail key={openId} caseId={caseId} interviewId={openId} onBack={() => setOpenId(null)} />;
  return <InterviewList caseId={caseId} onOpen={setOpenId} />;
}
