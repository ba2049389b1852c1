// The words of the console's Hỏi đáp page (SPEC §8): Vietnamese first, English mirrors it.

const vi = {
  qTitle: 'Hỏi đáp',
  qStatus: { open: 'Đang chờ', answered: 'Đã trả lời', closed: 'Đã đóng' } as Record<'open' | 'answered' | 'closed', string>,
  qNone: 'Không có câu hỏi nào.',
  qNumber: (id: number) => `Câu hỏi số ${id}`,
  qWaiting: (age: string) => `chờ ${age}`,
  qNotRegistered: 'Người hỏi chưa đăng ký',
  qMember: (name: string, id: number) => `${name} · thành viên số ${id}`,
  qIndependent: 'độc lập',
  qAsked: 'Hỏi',
  qAnswer: 'Sở trả lời',
  qAnswerLabel: (id: number) => `Trả lời câu hỏi số ${id}`,
  qSend: 'Gửi trả lời',
  qClose: 'Đóng câu hỏi',
  qSent: (id: string) => `Đã gửi câu trả lời cho câu hỏi số ${id}.`,
  qClosed: (id: string) => `Đã đóng câu hỏi số ${id}.`,
  qErrors: {
    zalo_window: 'Không gửi được: người hỏi dùng Zalo và đã hơn 7 ngày không nhắn cho Loa (Zalo không cho gửi tin tư vấn). Câu trả lời chưa được gửi.',
    closed: 'Câu hỏi này đã đóng.',
    asker_gone: 'Người hỏi đã xóa dữ liệu: không gửi được câu trả lời.',
    empty: 'Hãy nhập câu trả lời.',
    too_long: 'Câu trả lời dài quá 2000 ký tự.',
    not_found: 'Không có câu hỏi này.',
    not_allowed: 'Chỉ cán bộ của Sở được trả lời.',
  } as Record<string, string>,
  ovQuestions: 'Câu hỏi đang chờ',
  ovQuestionsLine: (n: number, age: string | null) => (n === 0 ? 'Không có câu hỏi nào đang chờ.' : `${n} câu hỏi đang chờ trả lời; lâu nhất ${age}.`),
  ovQuestionsLink: 'Mở trang Hỏi đáp',
};

export type QuestionWords = typeof vi;

const en: QuestionWords = {
  qTitle: 'Questions',
  qStatus: { open: 'Waiting', answered: 'Answered', closed: 'Closed' },
  qNone: 'No questions.',
  qNumber: (id) => `Question ${id}`,
  qWaiting: (age) => `waiting ${age}`,
  qNotRegistered: 'Not a registered member',
  qMember: (name, id) => `${name} · member ${id}`,
  qIndependent: 'independent',
  qAsked: 'Asked',
  qAnswer: 'Office answered',
  qAnswerLabel: (id) => `Answer question ${id}`,
  qSend: 'Send answer',
  qClose: 'Close question',
  qSent: (id) => `The answer to question ${id} was sent.`,
  qClosed: (id) => `Question ${id} was closed.`,
  qErrors: {
    zalo_window: 'Not sent: the person uses Zalo and has not written to Loa for more than 7 days (Zalo refuses consultation messages). The answer was not sent.',
    closed: 'This question is closed.',
    asker_gone: 'The person deleted their data: the answer cannot be sent.',
    empty: 'Please type an answer.',
    too_long: 'The answer is longer than 2000 characters.',
    not_found: 'There is no such question.',
    not_allowed: 'Only officials may answer.',
  },
  ovQuestions: 'Questions waiting',
  ovQuestionsLine: (n, age) => (n === 0 ? 'No question is waiting.' : `${n} question(s) waiting for an answer; the oldest for ${age}.`),
  ovQuestionsLink: 'Open the Questions page',
};

export const questionWords = (lang: string): QuestionWords => (lang === 'en' ? en : vi);
