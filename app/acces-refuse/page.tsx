import { MessagePage } from "@/components/layout/MessagePage";

export default function ForbiddenPage() {
  return <MessagePage namespace="common.forbidden" />;
}
