import { MessagePage } from "@/components/layout/MessagePage";

export default function NotFound() {
  return <MessagePage namespace="common.notFound" />;
}
